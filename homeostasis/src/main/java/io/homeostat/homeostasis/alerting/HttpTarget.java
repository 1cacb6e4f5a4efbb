package io.homeostat.homeostasis.alerting;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable.Violations;
import io.homeostat.core.retry.RetryConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the two kinds of destination (webhooks, Alertmanagers) share: where and how they are
 * posted to, and the checks of those keys.
 */
public interface HttpTarget {

  /** Headers the HTTP client or the notifier sets; they cannot be configured. */
  Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host",
      "upgrade", "content-type", "x-homeostat-signature");

  String url();

  Duration timeout();

  Map<String, String> headers();

  String bearerToken();

  RetryConfig retryOnFailure();

  /** Checks the keys every destination has; {@code example} is a URL to show in messages. */
  static void validate(HttpTarget target, String example, Violations violations) {
    checkUrl("url", target.url(), example, violations);
    Duration timeout = target.timeout();
    String bearerToken = target.bearerToken();
    if (timeout.isNegative() || timeout.isZero()) {
      violations.add("timeout", "must be positive, was " + Durations.format(timeout)
          + ": it limits each attempt to deliver a notification, such as 10s");
    }
    target.headers().forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (RESERVED_HEADERS.contains(lower)) {
        violations.add("headers", "header '" + name + "' cannot be configured: the notifier "
            + "sets it");
      } else if (name.isEmpty() || !name.chars().allMatch(HttpTarget::isTokenChar)) {
        violations.add("headers", "invalid header name '" + name + "': use letters, digits and "
            + "!#$%&'*+-.^_`|~ only");
      } else if (lower.equals("authorization") && bearerToken != null) {
        violations.add("headers", "header 'Authorization' and bearer_token both set the "
            + "credentials: keep one of them");
      }
      if (!isHeaderValue(value)) {
        violations.add("headers", "the value of header '" + name
            + "' must not contain control characters");
      }
    });
    if (bearerToken != null && (bearerToken.isBlank() || !isHeaderValue(bearerToken))) {
      violations.add("bearer_token", "must be a non-empty token without control characters (is "
          + "the environment variable it names set?); remove the key to send no token");
    }
  }

  private static boolean isHeaderValue(String value) {
    return value.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f);
  }

  private static boolean isTokenChar(int c) {
    return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }

  /** Reports {@code value} at {@code key} unless it is an http(s) URL with a host. */
  static void checkUrl(String key, String value, String example, Violations violations) {
    if (value == null) {
      violations.add(key, "is required: write an http:// or https:// URL, such as " + example);
      return;
    }
    if (parseUrl(value) == null) {
      violations.add(key, "invalid URL '" + value + "': write an http:// or https:// URL, such as "
          + example);
    }
  }

  /** {@code value} as an http(s) URL with a host, or null when it is not one. */
  static URI parseUrl(String value) {
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
          ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
