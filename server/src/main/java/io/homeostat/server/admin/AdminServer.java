package io.homeostat.server.admin;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.net.Endpoint;
import io.homeostat.core.net.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The admin HTTP endpoint ({@code service.admin.endpoint}): serves whatever routes it is given,
 * {@link AdminRoutes#defaults} and what later features add, on one event-loop thread of its own.
 */
public final class AdminServer implements AutoCloseable {

  public static final Endpoint DEFAULT_ENDPOINT = new Endpoint("0.0.0.0", 8888);

  /** Admin requests carry at most a small JSON body (the API, reload); anything more is 413. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final HttpServer http;

  private AdminServer(HttpServer http) {
    this.http = http;
  }

  /**
   * Binds {@code endpoint} and serves {@code routes}. Throws {@link IllegalArgumentException} when
   * two routes claim the same method and path, and {@link IOException} naming the endpoint when
   * it cannot be bound.
   */
  public static AdminServer start(Endpoint endpoint, List<Route> routes) throws IOException {
    Router router = new Router(routes);
    return new AdminServer(HttpServer.start(
        new HttpServer.Options("service.admin", endpoint, MAX_BODY_BYTES, false, 1), router));
  }

  /** The address actually bound (the real port when the endpoint asked for port 0). */
  public InetSocketAddress address() {
    return http.address();
  }

  public void shutdown(Deadline deadline) {
    http.shutdown(deadline);
  }

  @Override
  public void close() {
    http.close();
  }
}
