package io.homeostat.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.homeostat.core.net.HttpHandler;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.homeostat.homeostasis.api.ApiDocuments;
import io.homeostat.server.admin.Route;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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

  /**
   * The routes over whichever runtime {@code api} returns at each request, so that they follow a
   * reload. When it returns none (the config has no {@code homeostasis:} section), each answers
   * 404 saying so.
   */
  public static List<Route> routes(Supplier<Optional<ApiDocuments>> api) {
    return List.of(
        Route.exact(HttpMethod.GET, REQUIREMENTS, document(api, ApiDocuments::requirements)),
        Route.prefix(HttpMethod.GET, REQUIREMENTS + "/", withApi(api, (docs, request, responder) -> {
          String id = QueryStringDecoder.decodeComponent(
              request.path().substring(REQUIREMENTS.length() + 1));
          docs.requirement(id).ifPresentOrElse(
              found -> responder.respond(HttpResponseStatus.OK, JSON, ApiDocuments.toBytes(found)),
              () -> notFound(responder, "no requirement '" + id + "': neither the catalog nor a "
                  + "target, alert or issue names it; GET " + REQUIREMENTS
                  + " lists the requirements"));
        })),
        Route.exact(HttpMethod.GET, "/api/v1/alerts", document(api, ApiDocuments::alerts)),
        Route.exact(HttpMethod.GET, "/api/v1/issues", document(api, ApiDocuments::issues)),
        Route.exact(HttpMethod.GET, "/api/v1/intents", document(api, ApiDocuments::intents)));
  }

  /** A handler that needs the runtime's documents. */
  private interface ApiHandler {
    void handle(ApiDocuments docs, HttpRequest request, HttpResponder responder);
  }

  private static HttpHandler withApi(Supplier<Optional<ApiDocuments>> api, ApiHandler handler) {
    return (request, responder) -> api.get().ifPresentOrElse(
        docs -> handler.handle(docs, request, responder),
        () -> notFound(responder, "this config has no homeostasis section, so there are no "
            + "requirements, alerts, issues or intents to show; add one (docs/homeostasis/targets.md)"));
  }

  private static HttpHandler document(Supplier<Optional<ApiDocuments>> api,
      Function<ApiDocuments, ? extends JsonNode> build) {
    return withApi(api, (docs, request, responder) ->
        responder.respond(HttpResponseStatus.OK, JSON, ApiDocuments.toBytes(build.apply(docs))));
  }

  private static void notFound(HttpResponder responder, String message) {
    responder.respond(HttpResponseStatus.NOT_FOUND, JSON, ApiDocuments.toBytes(ApiDocuments.error(message)));
  }
}
