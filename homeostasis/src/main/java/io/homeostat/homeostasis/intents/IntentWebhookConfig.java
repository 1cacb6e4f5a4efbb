package io.homeostat.homeostasis.intents;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.homeostasis.alerting.HttpTarget;
import java.time.Duration;
import java.util.Map;

/**
 * One entry of {@code feedback.intents.webhooks}: a URL each intent is posted to as JSON, with
 * the keys and the delivery of an {@code alerting.webhooks} entry (timeouts, retries with
 * backoff, bearer token, HMAC-SHA256 signature), but no {@code format}: an intent has one form.
 *
 * @param timeout of each attempt; 10s by default
 * @param headers sent with every request
 * @param bearerToken sent as {@code Authorization: Bearer <token>} when set
 * @param hmacSecret when set, each body is signed with HMAC-SHA256 in the
 *     {@code X-Homeostat-Signature: sha256=<hex>} header
 * @param retryOnFailure how failed deliveries are retried (the Collector's keys)
 */
public record IntentWebhookConfig(String url, Duration timeout, Map<String, String> headers,
    String bearerToken, String hmacSecret, RetryConfig retryOnFailure)
    implements HttpTarget, Validatable {

  static final String EXAMPLE_URL = "http://hooks:9000/intents";

  public static IntentWebhookConfig defaults() {
    return new IntentWebhookConfig(null, Duration.ofSeconds(10), Map.of(), null, null,
        RetryConfig.DEFAULT);
  }

  @Override
  public void validate(Violations violations) {
    HttpTarget.validate(this, EXAMPLE_URL, violations);
    if (hmacSecret != null && hmacSecret.isEmpty()) {
      violations.add("hmac_secret", "must not be empty (is the environment variable it names "
          + "set?); remove the key to send unsigned intents");
    }
  }
}
