package io.homeostat.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.net.HttpHandler;
import io.homeostat.homeostasis.api.ApiDocuments;
import io.homeostat.server.admin.Route;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.function.Supplier;

/**
 * The admin server's homeostasis API (docs/homeostasis/api.md): {@code GET} on
 * {@code /api/v1/requirements}, {@code /api/v1/requirements/{id}}, {@code /api/v1/alerts},
 * {@code /api/v1/issues} and {@code /api/v1/intents}, each answering a JSON document that
 * {@link ApiDocuments} builds from the runtime's state at that moment. An unknown requirement is
 * 404 with a JSON {@code error}.
 */
public final class ApiRoutes {

  static final String JSON = "application/json";
  static final String REQUIREMENTS = "/api/v1/requirements";

  private ApiRoutes() {}

  public static List<Route> routes(ApiDocuments api) {
    return List.of(
        Route.exact(HttpMethod.GET, REQUIREMENTS, document(api::requirements)),
        Route.prefix(HttpMethod.GET, REQUIREMENTS + "/", (request, responder) -> {
          String id = QueryStringDecoder.decodeComponent(
              request.path().substring(REQUIREMENTS.length() + 1));
          api.requirement(id).ifPresentOrElse(
              found -> responder.respond(HttpResponseStatus.OK, JSON, ApiDocuments.toBytes(found)),
              () -> responder.respond(HttpResponseStatus.NOT_FOUND, JSON, ApiDocuments.toBytes(
                  ApiDocuments.error("no requirement '" + id + "': neither the catalog nor a "
                      + "target, alert or issue names it; GET " + REQUIREMENTS
                      + " lists the requirements"))));
        }),
        Route.exact(HttpMethod.GET, "/api/v1/alerts", document(api::alerts)),
        Route.exact(HttpMethod.GET, "/api/v1/issues", document(api::issues)),
        Route.exact(HttpMethod.GET, "/api/v1/intents", document(api::intents)));
  }

  private static HttpHandler document(Supplier<? extends JsonNode> build) {
    return (request, responder) ->
        responder.respond(HttpResponseStatus.OK, JSON, ApiDocuments.toBytes(build.get()));
  }
}
