package io.homeostat.core.pipeline;

import java.util.Locale;

/** The three OTLP signals. Each pipeline, and each ring event, carries exactly one. */
public enum Signal {
  TRACES("traces", "spans"),
  METRICS("metrics", "metric_points"),
  LOGS("logs", "log_records");

  private final String configName;
  private final String itemName;

  Signal(String configName, String itemName) {
    this.configName = configName;
    this.itemName = itemName;
  }

  /** The name used in pipeline ids and URLs: {@code traces}, {@code metrics}, {@code logs}. */
  public String configName() {
    return configName;
  }

  /** The unit counted in self metrics: {@code spans}, {@code metric_points}, {@code log_records}. */
  public String itemName() {
    return itemName;
  }

  /** Returns the signal named {@code name}, or null when there is none. */
  public static Signal fromConfigName(String name) {
    for (Signal signal : values()) {
      if (signal.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return signal;
      }
    }
    return null;
  }
}
