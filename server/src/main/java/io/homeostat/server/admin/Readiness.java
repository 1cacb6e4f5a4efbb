package io.homeostat.server.admin;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Where the server is in its life, as {@code GET /readyz} reports it. */
public enum Readiness {
  /** Components are starting; not every receiver listens yet. */
  STARTING(HttpResponseStatus.SERVICE_UNAVAILABLE),
  /** Every receiver listens. */
  READY(HttpResponseStatus.OK),
  /** Shutting down: no longer accepting, draining what it holds. */
  STOPPING(HttpResponseStatus.SERVICE_UNAVAILABLE),
  /** No pipeline runs: a reloaded config could not start, nor could the one before it. */
  FAILED(HttpResponseStatus.SERVICE_UNAVAILABLE);

  private final HttpResponseStatus status;

  Readiness(HttpResponseStatus status) {
    this.status = status;
  }

  HttpResponseStatus httpStatus() {
    return status;
  }

  /** The {@code status} field of the answer: the name in lower case. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
