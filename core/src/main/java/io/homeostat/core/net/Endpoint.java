package io.homeostat.core.net;

import java.net.InetSocketAddress;

/**
 * A listen or connect address written {@code host:port} ({@code 0.0.0.0:4317},
 * {@code localhost:0}, {@code [::1]:4318}, {@code :8888} for every interface).
 */
public record Endpoint(String host, int port) {

  public Endpoint {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    host = host == null || host.isEmpty() ? "0.0.0.0" : host;
  }

  /** Parses {@code host:port}; the exception's message quotes the input and shows the form. */
  public static Endpoint parse(String text) {
    String s = text == null ? "" : text.strip();
    int colon = s.lastIndexOf(':');
    if (colon < 0 || colon == s.length() - 1) {
      throw new IllegalArgumentException("invalid endpoint '" + text
          + "': write host:port, such as 0.0.0.0:4317 or localhost:0");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new Endpoint(host, Integer.parseInt(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid endpoint '" + text + "': the port must be a number");
    }
  }

  /** This endpoint with the port a listener really got (when it asked for port 0), for logs. */
  public Endpoint withPort(int boundPort) {
    return new Endpoint(host, boundPort);
  }

  public InetSocketAddress toSocketAddress() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
