package io.homeostat.homeostasis.alerting;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One entry of {@code alerting.alertmanager}: an Alertmanager that alerts are pushed to, with
 * {@code POST /api/v2/alerts}. Alertmanager groups, deduplicates, silences and routes them itself.
 *
 * @param url the Alertmanager's base URL, such as {@code http://alertmanager:9093}
 * @param resendInterval how often firing alerts are sent again: Alertmanager resolves an alert
 *     that is not re-sent before its {@code endsAt}; 1m by default
 * @param timeout of each attempt; 10s by default
 * @param headers sent with every request
 * @param bearerToken sent as {@code Authorization: Bearer <token>} when set
 * @param retryOnFailure how failed pushes are retried (the Collector's keys)
 */
public record AlertmanagerConfig(String url, Duration resendInterval, Duration timeout,
    Map<String, String> headers, String bearerToken, RetryConfig retryOnFailure)
    implements HttpTarget, Validatable {

  static final String EXAMPLE_URL = "http://alertmanager:9093";
  /** Where alerts are pushed, under the base URL. */
  static final String ALERTS_PATH = "/api/v2/alerts";

  /** What an entry holds for the keys it leaves out. */
  public static AlertmanagerConfig defaults() {
    return new AlertmanagerConfig(null, Duration.ofMinutes(1), Duration.ofSeconds(10), Map.of(),
        null, RetryConfig.DEFAULT);
  }

  /** The URL alerts are posted to. */
  URI alertsUrl() {
    String base = url.strip();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
        + ALERTS_PATH);
  }

  @Override
  public void validate(Violations violations) {
    HttpTarget.validate(this, EXAMPLE_URL, violations);
    URI uri = url == null ? null : HttpTarget.parseUrl(url);
    if (uri != null && uri.getPath() != null && uri.getPath().contains("/api/")) {
      violations.add("url", "write the Alertmanager's base URL, such as " + EXAMPLE_URL
          + ", without a path to its API (was '" + url + "'): " + ALERTS_PATH
          + " is appended to it");
    }
    if (resendInterval.isNegative() || resendInterval.isZero()) {
      violations.add("resend_interval", "must be positive, was "
          + Durations.format(resendInterval) + ": firing alerts are sent again this often, such "
          + "as 1m, or Alertmanager resolves them");
    }
  }
}
