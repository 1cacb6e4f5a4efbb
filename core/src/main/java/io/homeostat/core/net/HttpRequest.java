package io.homeostat.core.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

/**
 * One HTTP request as an {@link HttpHandler} sees it: the body is already decompressed (when the
 * server decompresses) and whole, and is only valid during {@link HttpHandler#handle}.
 *
 * @param path the request path without the query string
 * @param query the raw query string, empty when there is none
 */
public record HttpRequest(HttpMethod method, String path, String query, HttpHeaders headers,
    ByteBuf body) {

  /** The media type of the body without parameters, lower case; empty when not given. */
  public String mediaType() {
    String value = headers.get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE, "");
    int semicolon = value.indexOf(';');
    return (semicolon < 0 ? value : value.substring(0, semicolon)).strip()
        .toLowerCase(java.util.Locale.ROOT);
  }
}
