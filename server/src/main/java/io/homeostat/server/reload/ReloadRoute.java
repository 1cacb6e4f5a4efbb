package io.homeostat.server.reload;

import io.homeostat.server.admin.Route;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code POST /-/reload}, as Prometheus and Alertmanager have it: answers once the reload is done,
 * with {@link ReloadResult#toJson()} and its status (200, 400 for a file with errors, 500 for a
 * config that could not start).
 */
public final class ReloadRoute {

  public static final String PATH = "/-/reload";
  private static final String JSON = "application/json";

  private ReloadRoute() {}

  public static Route of(Reloader reloader) {
    return Route.exact(HttpMethod.POST, PATH, (request, responder) -> {
      try {
        reloader.reloadAsync("admin").thenAccept(
            result -> responder.respond(result.httpStatus(), JSON, result.toJson()));
        // reload() turns every failure into a result, so the future always holds one.
      } catch (RejectedExecutionException shuttingDown) {
        responder.respond(HttpResponseStatus.SERVICE_UNAVAILABLE, JSON,
            "{\"status\":\"stopping\",\"message\":\"the server is shutting down\"}"
                .getBytes(StandardCharsets.UTF_8));
      }
    });
  }
}
