package io.homeostat.server.reload;

import io.homeostat.server.admin.Route;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /-/reload}, as Prometheus and Alertmanager have it: answers once the reload is done,
 * with {@link ReloadResult#toJson()} and its status (200; 400 for a file with errors; 500 for a
 * config that could not start; 503 while the server starts or stops).
 */
public final class ReloadRoute {

  public static final String PATH = "/-/reload";

  private ReloadRoute() {}

  public static Route of(Reloader reloader) {
    return Route.exact(HttpMethod.POST, PATH, (request, responder) ->
        reloader.reloadAsync("admin").whenComplete((result, error) -> {
          if (result != null) {
            responder.respond(result.httpStatus(), "application/json", result.toJson());
          } else {
            // Only an Error such as OutOfMemoryError gets here; the client still gets an answer.
            responder.respond(HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8",
                ("reload failed: " + error + "\n").getBytes(StandardCharsets.UTF_8));
          }
        }));
  }
}
