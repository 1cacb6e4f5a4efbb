package io.homeostat.exporter.prometheus.translate;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable.Violations;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks of the config keys both Prometheus exporters have. */
public final class ConfigChecks {

  private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private ConfigChecks() {}

  /** {@code namespace}: empty, or a valid start of a metric name. */
  public static void namespace(String namespace, Violations violations) {
    if (!namespace.isEmpty() && !NAMESPACE.matcher(namespace).matches()) {
      violations.add("namespace", "invalid namespace '" + namespace + "': use letters, digits "
          + "and underscores, not starting with a digit, such as homeostat");
    }
  }

  /** Labels the exporter adds to every series: valid names, values not empty. */
  public static void labels(String key, Map<String, String> labels, Violations violations) {
    labels.forEach((name, value) -> {
      if (name.startsWith("__")) {
        violations.add(key, "label name '" + name + "' is reserved: names starting with __ are "
            + "Prometheus's own");
      } else if (!LabelNamer.isValid(name)) {
        violations.add(key, "invalid label name '" + name + "': use letters, digits and "
            + "underscores, not starting with a digit, such as environment");
      }
      if (value == null || value.isEmpty()) {
        violations.add(key, "label '" + name + "' has an empty value, which Prometheus reads as "
            + "no label: give it a value or remove it");
      }
    });
  }

  /** {@code metric_expiration}: positive. */
  public static void expiration(Duration expiration, Violations violations) {
    if (expiration.isNegative() || expiration.isZero()) {
      violations.add("metric_expiration", "must be positive, was " + Durations.format(expiration)
          + ": series not updated for this long are dropped, such as 5m");
    }
  }
}
