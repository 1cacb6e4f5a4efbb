package io.homeostat.homeostasis.target;

import io.homeostat.core.pipeline.Signal;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The events one side of a ratio counts: the increases of a counter's series (or a histogram's
 * counts) whose attributes match, or the spans of a name whose attributes and status match.
 *
 * @param signal {@link Signal#METRICS} or {@link Signal#TRACES}
 * @param name the metric's or the spans' name
 * @param attributes attributes a point or span must carry, with these values (as text)
 * @param status for spans: which statuses count
 */
public record Selector(Signal signal, String name, Map<String, String> attributes,
    SpanStatus status) {

  /** Which span statuses a selector counts. */
  public enum SpanStatus {
    /** Every span. */
    ANY,
    /** Spans that did not fail: status OK or UNSET, and no exception event. */
    OK,
    /** Spans that failed: status ERROR, or an exception event. */
    ERROR
  }

  public Selector {
    attributes = Map.copyOf(attributes);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name);
    if (!attributes.isEmpty() || status != SpanStatus.ANY) {
      String labels = attributes.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
      if (status != SpanStatus.ANY) {
        labels = labels.isEmpty() ? "status=" + status.name().toLowerCase(Locale.ROOT)
            : labels + ",status=" + status.name().toLowerCase(Locale.ROOT);
      }
      out.append('{').append(labels).append('}');
    }
    return out.toString();
  }
}
