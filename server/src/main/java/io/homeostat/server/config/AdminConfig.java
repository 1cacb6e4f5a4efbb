package io.homeostat.server.config;

import io.homeostat.core.net.Endpoint;

/** Where the admin endpoint (health, readiness, self metrics, API) listens. */
public record AdminConfig(Endpoint endpoint) {

  static AdminConfig defaults() {
    return new AdminConfig(new Endpoint("0.0.0.0", 8888));
  }
}
