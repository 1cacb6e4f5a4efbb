package io.homeostat.exporter.otlp;

import io.homeostat.core.config.Validatable.Violations;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks of the keys every exporter that posts over HTTP has: its URL and its headers. */
public final class HttpChecks {

  /** Headers the JDK's HTTP client sets itself; they can never be configured. */
  private static final Set<String> CLIENT_HEADERS =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private HttpChecks() {}

  /**
   * {@code value}, unless null, must be an {@code http://} or {@code https://} URL with a host.
   *
   * @param example a URL of the right form for the message, such as {@code http://collector:4318}
   */
  public static void url(String key, String value, String example, Violations violations) {
    if (value == null) {
      return;
    }
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // reported below, with the form expected
    }
    violations.add(key, "invalid URL '" + value + "': write an http:// or https:// URL, such as "
        + example);
  }

  /**
   * {@code headers} must have valid names and values, and none that the client or the exporter
   * sets.
   *
   * @param exporterHeaders the headers the exporter sets, in lower case
   */
  public static void headers(Map<String, String> headers, Set<String> exporterHeaders,
      Violations violations) {
    headers.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (CLIENT_HEADERS.contains(lower) || exporterHeaders.contains(lower)) {
        violations.add("headers", "header '" + name + "' cannot be configured: the exporter "
            + "sets it");
      } else if (name.isEmpty() || !name.chars().allMatch(HttpChecks::isTokenChar)) {
        violations.add("headers", "invalid header name '" + name + "': use letters, digits and "
            + "!#$%&'*+-.^_`|~ only");
      }
      if (value != null && !value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f)) {
        violations.add("headers", "the value of header '" + name
            + "' must not contain control characters");
      }
    });
  }

  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
