package io.homeostat.exporter.otlp;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable.Violations;
import java.time.Duration;

/** The check both OTLP exporters make of their {@code timeout}. */
public final class Timeouts {

  private Timeouts() {}

  public static void check(Duration timeout, Violations violations) {
    if (timeout.isNegative() || timeout.isZero()) {
      violations.add("timeout", "must be positive, was " + Durations.format(timeout)
          + ": it limits each attempt to send a request, such as 5s");
    }
  }
}
