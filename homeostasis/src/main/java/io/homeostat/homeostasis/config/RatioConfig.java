package io.homeostat.homeostasis.config;

import io.homeostat.core.config.Validatable;

/** The {@code ratio} source as written: {@code {good: SELECTOR, total: SELECTOR}}. */
record RatioConfig(SelectorConfig good, SelectorConfig total) implements Validatable {

  static RatioConfig defaults() {
    return new RatioConfig(null, null);
  }

  @Override
  public void validate(Violations violations) {
    if (good == null) {
      violations.add("good", "is required: the good events, such as {metric: login_attempts, "
          + "attributes: {status: success}}");
    }
    if (total == null) {
      violations.add("total", "is required: all events, such as {metric: login_attempts}");
    }
    if (good != null && total != null && good.signal() != total.signal()) {
      violations.add("total", "counts " + what(total) + " while good counts " + what(good)
          + ": count both from metrics or both from spans");
    }
  }

  private static String what(SelectorConfig selector) {
    return selector.metric() != null ? "metric points" : "spans";
  }
}
