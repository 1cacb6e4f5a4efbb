package io.homeostat.homeostasis.engine;

import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.BucketList;
import io.homeostat.homeostasis.window.HistogramDeltas;
import io.homeostat.homeostasis.window.SeriesKeys;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code metric: NAME}. What the target measures depends on what the metric turns out to be, so
 * its first point decides, for good:
 *
 * <ul>
 *   <li>a gauge, or a sum that is not monotonic: the mean of the window's values;
 *   <li>a monotonic sum (a counter): its increase per second;
 *   <li>a histogram or an exponential histogram: a distribution.
 * </ul>
 *
 * Points of another kind afterwards, and summaries, are dropped and counted
 * ({@code homeostat_homeostasis_dropped_points_total{reason="kind"}}). In SLO mode a counter has no
 * good and bad events and is dropped the same way.
 */
final class MetricWatch extends Watch implements Watch.OfMetrics {

  private enum Kind {
    VALUES("gauge"), COUNTER("counter"), HISTOGRAM("histogram");

    final String noun;

    Kind(String noun) {
      this.noun = noun;
    }
  }

  private final RateLimitedLog log;
  private final Counter wrongKind;
  private final Counter untracked;
  private final BucketList buckets = new BucketList();
  private Kind kind;
  private Measure measure;
  private Measure.Values values;
  private Measure.Increases increases;
  private Measure.Histograms histograms;
  private Points counters;
  private HistogramDeltas histogramDeltas;

  MetricWatch(TargetSpec spec, MetricRegistry metrics, long watchStart, RateLimitedLog log) {
    super(spec, metrics, watchStart);
    this.log = log;
    this.wrongKind = droppedPoints(metrics, "kind");
    this.untracked = droppedPoints(metrics, "series_limit");
  }

  @Override
  Measure measure() {
    return measure;
  }

  @Override
  String measureKind() {
    return kind == null ? "" : kind.name();
  }

  @Override
  boolean restoreKind(String name) {
    for (Kind of : Kind.values()) {
      if (of.name().equals(name) && !(of == Kind.COUNTER && spec.slo() != null)) {
        start(of);
        return true;
      }
    }
    return false;
  }

  @Override
  void expire(long now) {
    if (counters != null) {
      counters.expire(now);
    }
    if (histogramDeltas != null) {
      histogramDeltas.expire(now);
    }
  }

  @Override
  public void metric(Resource resource, InstrumentationScope scope, Metric metric, long now) {
    Kind of = kindOf(metric);
    if (of == null || of == Kind.COUNTER && spec.slo() != null || kind != null && of != kind) {
      refuse(metric, of);
      return;
    }
    if (kind == null) {
      start(of);
    }
    switch (metric.getDataCase()) {
      case GAUGE -> numbers(resource, scope, metric, metric.getGauge().getDataPointsList(), false, now);
      case SUM -> numbers(resource, scope, metric, metric.getSum().getDataPointsList(),
          Points.cumulative(metric.getSum().getAggregationTemporality()), now);
      case HISTOGRAM -> histograms(resource, scope, metric, metric.getHistogram().getDataPointsList(),
          Points.cumulative(metric.getHistogram().getAggregationTemporality()), now);
      case EXPONENTIAL_HISTOGRAM -> exponential(resource, scope, metric,
          metric.getExponentialHistogram().getDataPointsList(),
          Points.cumulative(metric.getExponentialHistogram().getAggregationTemporality()), now);
      default -> throw new IllegalStateException("no kind for " + metric.getDataCase());
    }
  }

  private static Kind kindOf(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> Kind.VALUES;
      case SUM -> metric.getSum().getIsMonotonic() ? Kind.COUNTER : Kind.VALUES;
      case HISTOGRAM, EXPONENTIAL_HISTOGRAM -> Kind.HISTOGRAM;
      case SUMMARY, DATA_NOT_SET -> null;
    };
  }

  private void start(Kind of) {
    kind = of;
    boolean slo = spec.slo() != null;
    switch (of) {
      case VALUES -> {
        values = slo ? new SloMeasure(spec) : new MeanMeasure(spec, window(false));
        measure = values;
      }
      case COUNTER -> {
        increases = new RateMeasure(spec, window(false), Duration.ofSeconds(1), watchStart);
        counters = new Points(spec.maxSeries(), spec.window(), watchStart, untracked);
        measure = increases;
      }
      case HISTOGRAM -> {
        histograms = slo ? new SloMeasure(spec) : new DistributionMeasure(spec, window(true));
        histogramDeltas = new HistogramDeltas(spec.maxSeries(), Points.horizon(spec.window()), watchStart);
        measure = histograms;
      }
    }
  }

  private void refuse(Metric metric, Kind of) {
    wrongKind.add(OtlpRequests.dataPointCount(metric));
    String why = of == null ? "is a " + metric.getDataCase().name().toLowerCase(Locale.ROOT)
        + ", which has no buckets or values to hold to a target"
        : kind == null ? "is a counter, which has no good and bad events for SLO mode: use a ratio"
        : "is a " + of.noun + ", but the target first saw a " + kind.noun;
    log.warn("kind:" + spec.key(), "metric '" + metric.getName() + "' of target " + spec.key() + " "
        + why + "; its points are not counted: check the metric's instrument, or give the other "
        + "metric a target of its own", null);
  }

  private void numbers(Resource resource, InstrumentationScope scope, Metric metric,
      List<NumberDataPoint> points, boolean cumulative, long now) {
    for (int i = 0; i < points.size(); i++) {
      NumberDataPoint point = points.get(i);
      if (Points.noValue(point.getFlags()) || !tagged(point.getAttributesList(), scope, resource)
          || matcher != null && !matcher.matches(resource, scope, metric, point.getAttributesList())) {
        continue;
      }
      double value = Points.value(point);
      long time = Points.time(point.getTimeUnixNano(), now);
      if (kind == Kind.VALUES) {
        if (landed(values.observe(time, now, value), now)) {
          exemplars(point.getExemplarsList(), time, true);
        }
        continue;
      }
      double increase = counters.increase(cumulative, resource, scope, metric,
          point.getAttributesList(), point.getStartTimeUnixNano(), value, now);
      if (!Double.isNaN(increase) && landed(increases.increase(time, now, increase), now)
          && capsFromAbove()) {
        exemplars(point.getExemplarsList(), time, false);
      }
    }
  }

  private void histograms(Resource resource, InstrumentationScope scope, Metric metric,
      List<HistogramDataPoint> points, boolean cumulative, long now) {
    for (int i = 0; i < points.size(); i++) {
      HistogramDataPoint point = points.get(i);
      if (Points.noValue(point.getFlags()) || !tagged(point.getAttributesList(), scope, resource)
          || matcher != null && !matcher.matches(resource, scope, metric, point.getAttributesList())) {
        continue;
      }
      long key = cumulative ? SeriesKeys.of(metric.getName(), resource.getAttributesList(),
          scope.getName(), point.getAttributesList()) : 0;
      added(histogramDeltas.explicit(key, point, cumulative, now, buckets), point.getTimeUnixNano(),
          point.getExemplarsList(), now);
    }
  }

  private void exponential(Resource resource, InstrumentationScope scope, Metric metric,
      List<ExponentialHistogramDataPoint> points, boolean cumulative, long now) {
    for (int i = 0; i < points.size(); i++) {
      ExponentialHistogramDataPoint point = points.get(i);
      if (Points.noValue(point.getFlags()) || !tagged(point.getAttributesList(), scope, resource)
          || matcher != null && !matcher.matches(resource, scope, metric, point.getAttributesList())) {
        continue;
      }
      long key = cumulative ? SeriesKeys.of(metric.getName(), resource.getAttributesList(),
          scope.getName(), point.getAttributesList()) : 0;
      added(histogramDeltas.exponential(key, point, cumulative, now, buckets),
          point.getTimeUnixNano(), point.getExemplarsList(), now);
    }
  }

  private void added(HistogramDeltas.Delta delta, long pointTime,
      List<Exemplar> exemplars, long now) {
    switch (delta) {
      case UNTRACKED -> untracked.inc();
      case BASELINE -> seen(now);
      case ADDED -> {
        long time = Points.time(pointTime, now);
        if (landed(histograms.histogram(time, now, buckets), now)) {
          exemplars(exemplars, time, true);
        }
      }
    }
  }
}
