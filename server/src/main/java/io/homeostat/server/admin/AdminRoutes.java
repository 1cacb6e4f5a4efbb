package io.homeostat.server.admin;

import io.homeostat.core.net.HttpHandler;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** The admin endpoints every server has: health, readiness, self metrics, and an index. */
public final class AdminRoutes {

  private static final String JSON = "application/json";
  private static final byte[] OK = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] INDEX = """
      <!DOCTYPE html>
      <html><head><meta charset="utf-8"><title>Homeostat</title></head>
      <body>
      <h1>Homeostat</h1>
      <ul>
      <li><a href="healthz">/healthz</a>: alive</li>
      <li><a href="readyz">/readyz</a>: ready to accept telemetry</li>
      <li><a href="metrics">/metrics</a>: the server's own metrics</li>
      </ul>
      </body></html>
      """.getBytes(StandardCharsets.UTF_8);

  private AdminRoutes() {}

  /**
   * {@code GET /healthz} (200 while the process runs), {@code GET /readyz} (200 when
   * {@code readiness} says {@link Readiness#READY}, else 503), {@code GET /metrics} (what the
   * sources hold, in the text format the scraper asks for) and {@code GET /}.
   */
  public static List<Route> defaults(Supplier<Readiness> readiness, List<MetricSource> metrics) {
    return List.of(
        Route.exact(HttpMethod.GET, "/", fixed("text/html; charset=utf-8", INDEX)),
        Route.exact(HttpMethod.GET, "/healthz", fixed(JSON, OK)),
        Route.exact(HttpMethod.GET, "/readyz", (request, responder) -> {
          Readiness state = readiness.get();
          responder.respond(state.httpStatus(), JSON,
              ("{\"status\":\"" + state.label() + "\"}").getBytes(StandardCharsets.UTF_8));
        }),
        Route.exact(HttpMethod.GET, "/metrics", new MetricsHandler(metrics)));
  }

  private static HttpHandler fixed(String contentType, byte[] body) {
    return (request, responder) -> responder.respond(HttpResponseStatus.OK, contentType, body);
  }
}
