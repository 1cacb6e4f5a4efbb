package io.homeostat.homeostasis.alerting;

import java.util.Locale;

/** What a webhook receives: DESIGN.md's alert object, or Alertmanager's webhook payload. */
public enum WebhookFormat {
  /** One POST per alert, DESIGN.md's "Alert (format homeostat)" object. */
  HOMEOSTAT,
  /** One POST per group, the Alertmanager webhook payload version 4. */
  ALERTMANAGER;

  /** The name in config and in the {@code format} label of the notification metrics. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
