package io.homeostat.homeostasis.alerting;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.retry.RetryConfig;
import java.time.Duration;
import java.util.Map;

/**
 * One entry of {@code alerting.webhooks}: a URL that alerts are posted to.
 *
 * @param url where notifications are posted, required
 * @param format {@code homeostat} (the default) or {@code alertmanager}
 * @param timeout of each attempt; 10s by default
 * @param headers sent with every notification
 * @param bearerToken sent as {@code Authorization: Bearer <token>} when set
 * @param hmacSecret when set, each body is signed with HMAC-SHA256 in the
 *     {@code X-Homeostat-Signature: sha256=<hex>} header, so that the receiver can check it came
 *     from here
 * @param retryOnFailure how failed deliveries are retried (the Collector's keys)
 */
public record WebhookConfig(String url, WebhookFormat format, Duration timeout,
    Map<String, String> headers, String bearerToken, String hmacSecret,
    RetryConfig retryOnFailure) implements HttpTarget, Validatable {

  static final String EXAMPLE_URL = "http://hooks:9000/alerts";

  /** What an entry holds for the keys it leaves out. */
  public static WebhookConfig defaults() {
    return new WebhookConfig(null, WebhookFormat.HOMEOSTAT, Duration.ofSeconds(10), Map.of(), null,
        null, RetryConfig.DEFAULT);
  }

  @Override
  public void validate(Violations violations) {
    HttpTarget.validate(this, EXAMPLE_URL, violations);
    if (hmacSecret != null && hmacSecret.isEmpty()) {
      violations.add("hmac_secret", "must not be empty (is the environment variable it names "
          + "set?); remove the key to send unsigned notifications");
    }
  }
}
