package io.homeostat.exporter.prometheus.translate;

import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metric points a Prometheus exporter leaves out, counted per reason in
 * {@code homeostat_exporter_dropped_metric_points_total{exporter,reason}} and logged at most once
 * per interval per reason.
 */
public final class Drops {

  /** Why a point is left out; the counter's {@code reason} label is the name in lower case. */
  public enum Reason {
    NON_MONOTONIC_DELTA("it is a delta sum that is not monotonic, which cannot be made cumulative; "
        + "have the SDK send it cumulative, or drop it with the filter processor"),
    UNSPECIFIED_TEMPORALITY("its aggregation temporality is unspecified; the sender must say "
        + "delta or cumulative"),
    OUT_OF_ORDER("it is older than the point already held for its series; if two senders write "
        + "the same series, give each its own service.instance.id"),
    MISALIGNED_DELTA("the delta starts before the previous delta of its series ended; if two "
        + "senders write the same series, give each its own service.instance.id"),
    INVALID_NAME("nothing of the metric name is usable in Prometheus: it needs letters or digits"),
    INVALID_POINT("Prometheus cannot show it: a counter below zero, histogram bounds that do not "
        + "increase or do not match the bucket counts, or a value the client library refuses"),
    TYPE_CONFLICT("a metric of the same Prometheus name but another type was updated later; "
        + "rename one of them (it is left out of each scrape while both are held)");

    private final String why;

    Reason(String why) {
      this.why = why;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Drops.class);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final String exporter;
  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);
  private final RateLimitedLog failures = new RateLimitedLog(log, LOG_INTERVAL);

  public Drops(MetricRegistry registry, String exporter) {
    this.exporter = exporter;
    for (Reason reason : Reason.values()) {
      counters.put(reason, registry.counter("homeostat_exporter_dropped_metric_points_total",
          "Metric points a Prometheus exporter left out, by reason.", "exporter", exporter,
          "reason", reason.label()));
    }
  }

  /** Counts {@code points} points of metric {@code metric} left out for {@code reason}. */
  public void add(Reason reason, long points, String metric) {
    counters.get(reason).add(points);
    failures.warn(reason.label(), "exporter " + exporter + " left out " + points
        + (points == 1 ? " point" : " points") + " of metric '" + metric + "': " + reason.why,
        null);
  }
}
