package io.homeostat.server.admin;

import io.homeostat.core.net.HttpHandler;
import io.homeostat.core.net.HttpRequest;
import io.homeostat.core.net.HttpResponder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each request to its route: exact paths first, then prefixes, longest first. A path that
 * no route knows is 404; a known path asked with another method is 405 with {@code Allow}.
 */
final class Router implements HttpHandler {

  private static final Logger log = LoggerFactory.getLogger(Router.class);
  private static final String TEXT = "text/plain; charset=utf-8";

  /** In match order: exact routes, then prefix routes from the longest prefix down. */
  private final List<Route> routes;

  Router(List<Route> routes) {
    Set<String> seen = new HashSet<>();
    for (Route route : routes) {
      String key = route.method() + " " + route.path() + (route.prefix() ? "*" : "");
      if (!seen.add(key)) {
        throw new IllegalArgumentException("two admin routes for " + key
            + ": each method and path takes one handler");
      }
    }
    this.routes = new ArrayList<>(routes);
    this.routes.sort(Comparator.comparing((Route route) -> route.prefix())
        .thenComparing(route -> -route.path().length()));
  }

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    Set<String> allowed = new TreeSet<>();
    for (Route route : routes) {
      if (!route.matches(request.path())) {
        continue;
      }
      if (route.method().equals(request.method())) {
        answer(route, request, responder);
        return;
      }
      allowed.add(route.method().name());
    }
    if (allowed.isEmpty()) {
      text(responder, HttpResponseStatus.NOT_FOUND,
          "no admin endpoint at " + request.path() + "; / lists them\n");
    } else {
      responder.header(HttpHeaderNames.ALLOW, String.join(", ", allowed));
      text(responder, HttpResponseStatus.METHOD_NOT_ALLOWED, request.path() + " answers "
          + String.join(", ", allowed) + ", not " + request.method() + "\n");
    }
  }

  private static void answer(Route route, HttpRequest request, HttpResponder responder) {
    try {
      route.handler().handle(request, responder);
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).addKeyValue("method", request.method())
          .addKeyValue("path", request.path()).log("admin endpoint failed; answered 500");
      text(responder, HttpResponseStatus.INTERNAL_SERVER_ERROR,
          "internal error: " + e + " (the server log has the details)\n");
    }
  }

  private static void text(HttpResponder responder, HttpResponseStatus status, String body) {
    responder.respond(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
  }
}
