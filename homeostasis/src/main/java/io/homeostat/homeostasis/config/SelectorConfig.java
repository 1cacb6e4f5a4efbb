package io.homeostat.homeostasis.config;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.homeostasis.target.Selector;
import java.util.Locale;
import java.util.Map;

/**
 * One side of a ratio as written: {@code {metric: NAME, attributes: {...}}} or
 * {@code {span: NAME, status: ok, attributes: {...}}}.
 */
record SelectorConfig(String metric, String span, Map<String, String> attributes, String status)
    implements Validatable {

  static SelectorConfig defaults() {
    return new SelectorConfig(null, null, Map.of(), null);
  }

  @Override
  public void validate(Violations violations) {
    if (metric == null && span == null) {
      violations.add("counts nothing: set metric (a counter or histogram) or span");
    }
    if (metric != null && span != null) {
      violations.add("span", "a selector counts metric points or spans, and this one also sets "
          + "metric: keep one");
    }
    if (status != null && metric != null) {
      violations.add("status", "applies to spans only: select metric points by their attributes");
    } else if (status != null && spanStatus() == null) {
      violations.add("status", "unknown span status '" + status + "': use ok (not failed) or error");
    }
  }

  Signal signal() {
    return metric != null ? Signal.METRICS : Signal.TRACES;
  }

  Selector selector() {
    Selector.SpanStatus spanStatus = status == null ? Selector.SpanStatus.ANY : spanStatus();
    return new Selector(signal(), metric != null ? metric : span, attributes, spanStatus);
  }

  private Selector.SpanStatus spanStatus() {
    return switch (status.strip().toLowerCase(Locale.ROOT)) {
      case "ok" -> Selector.SpanStatus.OK;
      case "error" -> Selector.SpanStatus.ERROR;
      default -> null;
    };
  }
}
