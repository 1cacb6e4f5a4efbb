package io.homeostat.server.admin;

import io.homeostat.core.net.HttpHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** The admin endpoints every server has: health, readiness, self metrics, and the dashboard. */
public final class AdminRoutes {

  private static final String JSON = "application/json";
  private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  /**
   * The dashboard at {@code /}: one self-contained page (inline CSS and JS, nothing fetched from
   * elsewhere) that polls readyz, metrics and the {@code /api/v1} documents, and lists the
   * endpoints. Read once, when the class loads.
   */
  private static final byte[] DASHBOARD = resource("dashboard.html");

  private AdminRoutes() {}

  /**
   * {@code GET /healthz} (200 while the process runs), {@code GET /readyz} (200 when
   * {@code readiness} says {@link Readiness#READY}, else 503), {@code GET /metrics} (what the
   * sources hold, in the text format the scraper asks for) and {@code GET /}, the dashboard.
   */
  public static List<Route> defaults(Supplier<Readiness> readiness, List<MetricSource> metrics) {
    return List.of(
        Route.exact(HttpMethod.GET, "/", fixed("text/html; charset=utf-8", DASHBOARD)),
        Route.exact(HttpMethod.GET, "/healthz", fixed(JSON, OK)),
        Route.exact(HttpMethod.GET, "/readyz", (request, responder) -> {
          Readiness state = readiness.get();
          responder.respond(state.httpStatus(), JSON,
              ("{\"status\":\"" + state.label() + "\"}").getBytes(StandardCharsets.UTF_8));
        }),
        Route.exact(HttpMethod.GET, "/metrics", new MetricsHandler(metrics)));
  }

  private static byte[] resource(String name) {
    try (InputStream in = AdminRoutes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the admin resource " + name + " is missing beside "
            + AdminRoutes.class.getName() + "; the jar was built without server/src/main/resources");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("the admin resource " + name + " cannot be read", e);
    }
  }

  private static HttpHandler fixed(String contentType, byte[] body) {
    return (request, responder) -> responder.respond(HttpResponseStatus.OK, contentType, body);
  }
}
