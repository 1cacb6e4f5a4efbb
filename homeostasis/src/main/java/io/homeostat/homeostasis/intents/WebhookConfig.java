package io.homeostat.homeostasis.intents;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.retry.RetryConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One webhook of {@code feedback.intents.webhooks}: each intent is posted to {@code url} as JSON.
 *
 * @param headers sent with every request
 * @param bearerToken sent as {@code Authorization: Bearer ...} when set
 * @param hmacSecret when set, each body is signed with HMAC-SHA256 and the signature sent in
 *     {@code X-Homeostat-Signature: sha256=<hex>}
 * @param timeout for one attempt, from connecting to the last byte of the answer
 * @param retry how failed deliveries (network errors, 408, 429, 5xx) are tried again
 */
public record WebhookConfig(String url, Map<String, String> headers, String bearerToken,
    String hmacSecret, Duration timeout, RetryConfig retry) implements Validatable {

  public static WebhookConfig defaults() {
    return new WebhookConfig(null, Map.of(), null, null, Duration.ofSeconds(10),
        RetryConfig.DEFAULT);
  }

  /** The URL; call it once the config is valid. */
  public URI uri() {
    return URI.create(url);
  }

  @Override
  public void validate(Violations violations) {
    if (url == null || url.isBlank()) {
      violations.add("url", "is required: where intents are posted, such as "
          + "http://hooks.example:9000/intents");
    } else {
      checkUrl(violations);
    }
    if (!FeedbackConfig.positive(timeout)) {
      violations.add("timeout", "must be positive, was " + Durations.format(timeout)
          + ": the longest one attempt may take, such as 10s");
    }
    if (bearerToken != null && headers.keySet().stream()
        .anyMatch(name -> name.equalsIgnoreCase("Authorization"))) {
      violations.add("bearer_token", "cannot be used with an Authorization header in headers: "
          + "keep one of them");
    }
    if (hmacSecret != null && hmacSecret.isEmpty()) {
      violations.add("hmac_secret", "must not be empty: leave the key out to send no signature");
    }
  }

  private void checkUrl(Violations violations) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        violations.add("url", "'" + url + "' is not an http or https URL: write one such as "
            + "http://hooks.example:9000/intents");
      }
    } catch (URISyntaxException e) {
      violations.add("url", "'" + url + "' is not a valid URL: " + e.getReason());
    }
  }
}
