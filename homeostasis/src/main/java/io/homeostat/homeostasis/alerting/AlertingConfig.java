package io.homeostat.homeostasis.alerting;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;
import java.util.List;

/**
 * The top-level {@code alerting:} section: where alerts go and how often.
 *
 * @param groupWait how long the first alert of a requirement waits for others of the same
 *     requirement, so that they go out together; 30s by default, as in Alertmanager; 0 sends at
 *     once
 * @param repeatInterval how often a firing alert is notified again; 4h by default
 * @param externalUrl where Homeostat's admin endpoint is reachable for the people who get the
 *     alerts, such as {@code http://homeostat:8888}: Alertmanager's {@code externalURL} and each
 *     alert's {@code generatorURL} lead there; null to leave them out
 * @param webhooks URLs that get each notification, in the {@code homeostat} or
 *     {@code alertmanager} format
 * @param alertmanager Alertmanagers that alerts are pushed to
 */
public record AlertingConfig(Duration groupWait, Duration repeatInterval, String externalUrl,
    List<WebhookConfig> webhooks, List<AlertmanagerConfig> alertmanager) implements Validatable {

  /** The section as it is when written empty. */
  public static AlertingConfig defaults() {
    return new AlertingConfig(Duration.ofSeconds(30), Duration.ofHours(4), null, List.of(),
        List.of());
  }

  @Override
  public void validate(Violations violations) {
    if (groupWait.isNegative()) {
      violations.add("group_wait", "must not be negative, was " + Durations.format(groupWait)
          + ": it is how long the first alert of a requirement waits for others to go out with "
          + "it, such as 30s; 0 sends each at once");
    }
    if (repeatInterval.isNegative() || repeatInterval.isZero()) {
      violations.add("repeat_interval", "must be positive, was "
          + Durations.format(repeatInterval) + ": a firing alert is notified again this often, "
          + "such as 4h");
    }
    if (externalUrl != null && HttpTarget.parseUrl(externalUrl) == null) {
      violations.add("external_url", "invalid URL '" + externalUrl + "': write the http:// or "
          + "https:// URL where Homeostat's admin endpoint is reachable, such as "
          + "http://homeostat:8888");
    }
  }
}
