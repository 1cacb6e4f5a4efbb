package io.homeostat.server.config;

import io.homeostat.core.net.Endpoint;
import io.homeostat.server.admin.AdminServer;

/** Where the admin endpoint (health, readiness, self metrics, API) listens. */
public record AdminConfig(Endpoint endpoint) {

  static AdminConfig defaults() {
    return new AdminConfig(AdminServer.DEFAULT_ENDPOINT);
  }
}
