package io.homeostat.homeostasis.config;

import io.homeostat.core.config.Validatable;
import io.homeostat.homeostasis.target.LogSeverity;

/**
 * The {@code logs} source as written: log records at or above {@code severity_min}, per minute.
 */
record LogsConfig(String severityMin) implements Validatable {

  static LogsConfig defaults() {
    return new LogsConfig("ERROR");
  }

  @Override
  public void validate(Violations violations) {
    try {
      LogSeverity.parse(severityMin);
    } catch (IllegalArgumentException e) {
      violations.add("severity_min", e.getMessage());
    }
  }
}
