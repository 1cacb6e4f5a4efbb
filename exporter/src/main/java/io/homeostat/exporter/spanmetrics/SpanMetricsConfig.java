package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.config.ConfigKey;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.req.ReqKeys;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code spanmetrics} connector's config: the OpenTelemetry Collector's spanmetrics keys and
 * defaults, so that a Collector config and the dashboards built on it carry over. Keys of the
 * Collector's that this connector does not have (events, calls_dimensions, caches) are unknown
 * keys, reported as errors.
 *
 * @param histogram the duration histogram
 * @param dimensions span or resource attributes added to the built-in dimensions
 * @param excludeDimensions built-in dimensions left out (all but {@code req})
 * @param aggregationTemporality cumulative (default) or delta
 * @param namespace put before {@code calls} and {@code duration}, with a {@code .}
 * @param metricsFlushInterval how often the metrics go to the metrics pipelines
 * @param metricsExpiration a series without spans for this long is dropped; zero keeps it forever
 * @param aggregationCardinalityLimit the most series held; spans of further series are counted in
 *     one overflow series; zero for no limit
 * @param exemplars whether points carry the trace and span id of a span they counted
 */
public record SpanMetricsConfig(Histogram histogram, List<Dimension> dimensions,
    List<String> excludeDimensions, Temporality aggregationTemporality, String namespace,
    Duration metricsFlushInterval, Duration metricsExpiration, int aggregationCardinalityLimit,
    Exemplars exemplars) implements Validatable {

  /** The Collector's namespace, so that Prometheus names are {@code traces_span_metrics_…}. */
  static final String DEFAULT_NAMESPACE = "traces.span.metrics";
  /** As in the OpenTelemetry SDKs, whose default cardinality limit per metric is 2000. */
  static final int DEFAULT_CARDINALITY_LIMIT = 2000;

  static final SpanMetricsConfig DEFAULT = new SpanMetricsConfig(Histogram.DEFAULT, List.of(),
      List.of(), Temporality.AGGREGATION_TEMPORALITY_CUMULATIVE, DEFAULT_NAMESPACE,
      Duration.ofSeconds(60), Duration.ZERO, DEFAULT_CARDINALITY_LIMIT, Exemplars.DEFAULT);

  @Override
  public void validate(Violations violations) {
    if (!positive(metricsFlushInterval)) {
      violations.add("metrics_flush_interval", "must be positive, was "
          + Durations.format(metricsFlushInterval) + ": write how often the metrics are sent, "
          + "such as 60s");
    }
    if (metricsExpiration.isNegative()) {
      violations.add("metrics_expiration", "must not be negative, was "
          + Durations.format(metricsExpiration) + ": write 0 to keep series, or a duration "
          + "such as 5m");
    } else if (!metricsExpiration.isZero() && positive(metricsFlushInterval)
        && metricsExpiration.compareTo(metricsFlushInterval) < 0) {
      violations.add("metrics_expiration", Durations.format(metricsExpiration) + " is shorter "
          + "than metrics_flush_interval (" + Durations.format(metricsFlushInterval) + "): a "
          + "series could expire before it was ever sent; make it at least as long");
    }
    if (aggregationCardinalityLimit < 0) {
      violations.add("aggregation_cardinality_limit", "must not be negative, was "
          + aggregationCardinalityLimit + ": write the most series to hold, or 0 for no limit");
    }
    Set<String> builtIn = Set.copyOf(BuiltIn.NAMES);
    for (String name : excludeDimensions) {
      if (ReqKeys.KEY.equals(name)) {
        violations.add("exclude_dimensions", "'req' cannot be excluded: the requirement is what "
            + "these metrics are for");
      } else if (!builtIn.contains(name)) {
        violations.add("exclude_dimensions", "'" + name + "' is not a built-in dimension: write "
            + "one of " + String.join(", ", BuiltIn.NAMES));
      }
    }
    Set<String> seen = new HashSet<>(builtIn);
    seen.add(ReqKeys.KEY);
    for (Dimension dimension : dimensions) {
      if (dimension.name() != null && !seen.add(dimension.name())) {
        violations.add("dimensions", "'" + dimension.name() + "' is named twice, or is a "
            + "built-in dimension (" + ReqKeys.KEY + ", " + String.join(", ", BuiltIn.NAMES)
            + "): name each extra dimension once");
      }
    }
  }

  private static boolean positive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  /** The dimensions every series has, unless excluded, besides {@code req}. */
  static final class BuiltIn {
    static final String SERVICE_NAME = "service.name";
    static final String SPAN_NAME = "span.name";
    static final String SPAN_KIND = "span.kind";
    static final String STATUS_CODE = "status.code";
    static final List<String> NAMES = List.of(SERVICE_NAME, SPAN_NAME, SPAN_KIND, STATUS_CODE);

    private BuiltIn() {}
  }

  /** Durations are recorded in milliseconds or seconds, the histogram's unit. */
  public enum Unit {
    MS(1_000_000L),
    S(1_000_000_000L);

    private final long nanos;

    Unit(long nanos) {
      this.nanos = nanos;
    }

    /** The UCUM unit written on the metric: {@code ms} or {@code s}. */
    String ucum() {
      return this == MS ? "ms" : "s";
    }

    double of(long durationNanos) {
      return (double) durationNanos / nanos;
    }
  }

  /** The Collector's spelling of the two temporalities. */
  public enum Temporality {
    AGGREGATION_TEMPORALITY_CUMULATIVE,
    AGGREGATION_TEMPORALITY_DELTA
  }

  /**
   * The duration histogram.
   *
   * @param disable no duration histogram, only {@code calls}
   * @param unit {@code ms} (default) or {@code s}
   * @param explicit explicit bucket bounds; the default unless {@code exponential} is written
   * @param exponential a base-2 exponential histogram instead
   */
  public record Histogram(boolean disable, Unit unit, Explicit explicit, Exponential exponential)
      implements Validatable {

    static final Histogram DEFAULT = new Histogram(false, Unit.MS, null, null);

    /** The explicit bounds in the histogram's unit. */
    double[] bounds() {
      List<Duration> buckets = (explicit == null ? Explicit.defaults() : explicit).buckets();
      double[] bounds = new double[buckets.size()];
      for (int i = 0; i < bounds.length; i++) {
        bounds[i] = unit.of(buckets.get(i).toNanos());
      }
      return bounds;
    }

    @Override
    public void validate(Violations violations) {
      if (explicit != null && exponential != null) {
        violations.add("has both explicit and exponential: write one of them");
      }
    }
  }

  /**
   * Explicit bucket bounds, as durations.
   *
   * @param buckets upper bounds, increasing; the Collector's by default
   */
  public record Explicit(List<Duration> buckets) implements Validatable {

    static Explicit defaults() {
      return new Explicit(List.of(ms(2), ms(4), ms(6), ms(8), ms(10), ms(50), ms(100), ms(200),
          ms(400), ms(800), ms(1000), ms(1400), ms(2000), ms(5000), ms(10_000), ms(15_000)));
    }

    private static Duration ms(long millis) {
      return Duration.ofMillis(millis);
    }

    @Override
    public void validate(Violations violations) {
      if (buckets.isEmpty()) {
        violations.add("buckets", "is empty: list the bucket bounds, such as [10ms, 100ms, 1s], "
            + "or remove buckets for the default ones");
      }
      for (int i = 0; i < buckets.size(); i++) {
        Duration bound = buckets.get(i);
        if (bound == null) {
          continue;
        }
        if (!positive(bound)) {
          violations.add("buckets", "bound " + Durations.format(bound) + " must be positive");
        } else if (i > 0 && buckets.get(i - 1) != null && bound.compareTo(buckets.get(i - 1)) <= 0) {
          violations.add("buckets", "bound " + Durations.format(bound) + " does not exceed the "
              + "one before it (" + Durations.format(buckets.get(i - 1)) + "): list the bounds in "
              + "increasing order, each once");
        }
      }
    }
  }

  /**
   * A base-2 exponential histogram, which adapts its scale to the durations seen.
   *
   * @param maxSize the most buckets it holds; 160 by default, as in the Collector
   */
  public record Exponential(int maxSize) implements Validatable {

    /** Fewer cannot tell two durations apart once the scale has adapted. */
    static final int MIN_SIZE = 2;

    static Exponential defaults() {
      return new Exponential(160);
    }

    @Override
    public void validate(Violations violations) {
      if (maxSize < MIN_SIZE) {
        violations.add("max_size", "must be at least " + MIN_SIZE + ", was " + maxSize);
      }
    }
  }

  /**
   * An extra dimension: the span's attribute of that name, else the resource's, else
   * {@code default}; without a default, a span that has neither has no such attribute.
   */
  public record Dimension(String name, @ConfigKey("default") String defaultValue)
      implements Validatable {

    static Dimension defaults() {
      return new Dimension(null, null);
    }

    @Override
    public void validate(Violations violations) {
      if (name == null || name.isBlank()) {
        violations.add("name", "is required: the attribute key, such as http.request.method");
      }
    }
  }

  /**
   * Exemplars on the points.
   *
   * @param enabled each point carries, as its exemplar, the slowest span it counted since the
   *     previous flush
   */
  public record Exemplars(boolean enabled) {
    static final Exemplars DEFAULT = new Exemplars(false);
  }
}
