package io.homeostat.server.admin;

import io.homeostat.core.net.HttpHandler;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One endpoint of the admin server: a method and a path, matched exactly or as a prefix, and the
 * handler that answers it. Later features add their endpoints as routes
 * ({@code GET /api/v1/...} as a prefix, {@code POST /-/reload}) without changing the server.
 *
 * @param prefix whether {@code path} matches every path that starts with it
 */
public record Route(HttpMethod method, String path, boolean prefix, HttpHandler handler) {

  public Route {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("a route's path must start with '/', was '" + path + "'");
    }
  }

  /** A route for {@code method} on exactly {@code path}. */
  public static Route exact(HttpMethod method, String path, HttpHandler handler) {
    return new Route(method, path, false, handler);
  }

  /** A route for {@code method} on every path that starts with {@code prefix}. */
  public static Route prefix(HttpMethod method, String prefix, HttpHandler handler) {
    return new Route(method, prefix, true, handler);
  }

  boolean matches(String requestPath) {
    return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
  }
}
