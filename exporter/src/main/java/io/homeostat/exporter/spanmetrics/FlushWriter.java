package io.homeostat.exporter.spanmetrics;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the series as OTLP metrics, as the Collector's connector does: per resource, one scope
 * {@code spanmetricsconnector} with the monotonic sum {@code <namespace>.calls} and the histogram
 * {@code <namespace>.duration} (unit {@code ms} or {@code s}), one point per series each.
 *
 * <p>Cumulative points start when their series did and carry everything since. Delta points
 * start at the previous flush the metrics pipelines took and carry what came since; series with
 * nothing new are left out, and their min and max are unknown.
 */
final class FlushWriter {

  /** The scope name the Collector's connector uses. */
  static final String SCOPE = "spanmetricsconnector";

  private final String callsName;
  private final String durationName;
  private final String unit;
  private final boolean delta;
  private final AggregationTemporality temporality;
  private final SeriesTable table;

  FlushWriter(SpanMetricsConfig config, SeriesTable table) {
    String prefix = config.namespace().isEmpty() ? "" : config.namespace() + ".";
    this.callsName = prefix + "calls";
    this.durationName = prefix + "duration";
    this.unit = config.histogram().unit().ucum();
    this.delta = config.aggregationTemporality()
        == SpanMetricsConfig.Temporality.AGGREGATION_TEMPORALITY_DELTA;
    this.temporality = delta ? AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
        : AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    this.table = table;
  }

  /**
   * Reads every series and writes the request; null when there is nothing to send. Series
   * expired by {@code nowMillis} are left out and handed to the table for removal.
   */
  Flush write(long nowMillis, long nowNanos) {
    Map<Group, Points> byGroup = new LinkedHashMap<>();
    List<Flush.Read> reads = new ArrayList<>();
    for (Series series : table.all()) {
      SeriesPoint point = series.read();
      if (table.expired(series, point, nowMillis)) {
        table.retire(series);
        continue;
      }
      SeriesPoint sent = delta ? point.minus(series.acked) : point;
      if (sent.calls() == 0) {
        continue;
      }
      long start = delta && series.acked != null ? series.ackedNanos : series.startNanos;
      SpanExemplar exemplar = series.takeExemplar();
      byGroup.computeIfAbsent(series.group, g -> new Points())
          .add(series, sent, start, nowNanos, exemplar);
      reads.add(new Flush.Read(series, point));
    }
    if (byGroup.isEmpty()) {
      return null;
    }
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    byGroup.forEach((group, points) -> request.addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(group.resource)
        .addScopeMetrics(points.scope())));
    return new Flush(request.build(), reads, nowNanos);
  }

  /** The points of one group, gathered into its two metrics. */
  private final class Points {
    private final Sum.Builder calls = Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(temporality);
    private final Histogram.Builder explicit = Histogram.newBuilder()
        .setAggregationTemporality(temporality);
    private final ExponentialHistogram.Builder exponential = ExponentialHistogram.newBuilder()
        .setAggregationTemporality(temporality);

    void add(Series series, SeriesPoint point, long start, long time, SpanExemplar exemplar) {
      NumberDataPoint.Builder sum = NumberDataPoint.newBuilder().addAllAttributes(series.attributes)
          .setStartTimeUnixNano(start).setTimeUnixNano(time).setAsInt(point.calls());
      if (exemplar != null) {
        sum.addExemplars(exemplar(exemplar));
      }
      calls.addDataPoints(sum);
      if (point.durations() instanceof ExplicitPoint h) {
        explicit.addDataPoints(explicit(series, h, start, time, exemplar));
      } else if (point.durations() instanceof ExponentialPoint h) {
        exponential.addDataPoints(exponential(series, h, start, time, exemplar));
      }
    }

    ScopeMetrics scope() {
      ScopeMetrics.Builder scope = ScopeMetrics.newBuilder()
          .setScope(InstrumentationScope.newBuilder().setName(SCOPE))
          .addMetrics(Metric.newBuilder().setName(callsName).setSum(calls));
      if (explicit.getDataPointsCount() > 0) {
        scope.addMetrics(Metric.newBuilder().setName(durationName).setUnit(unit)
            .setHistogram(explicit));
      } else if (exponential.getDataPointsCount() > 0) {
        scope.addMetrics(Metric.newBuilder().setName(durationName).setUnit(unit)
            .setExponentialHistogram(exponential));
      }
      return scope.build();
    }
  }

  private static HistogramDataPoint explicit(Series series, ExplicitPoint h, long start, long time,
      SpanExemplar exemplar) {
    HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
        .addAllAttributes(series.attributes).setStartTimeUnixNano(start).setTimeUnixNano(time)
        .setCount(h.count()).setSum(h.sum());
    for (double bound : h.bounds()) {
      point.addExplicitBounds(bound);
    }
    for (long count : h.counts()) {
      point.addBucketCounts(count);
    }
    if (!Double.isNaN(h.min())) {
      point.setMin(h.min()).setMax(h.max());
    }
    if (exemplar != null) {
      point.addExemplars(exemplar(exemplar));
    }
    return point.build();
  }

  private static ExponentialHistogramDataPoint exponential(Series series, ExponentialPoint h,
      long start, long time, SpanExemplar exemplar) {
    ExponentialHistogramDataPoint.Buckets.Builder positive =
        ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(h.offset());
    for (long count : h.counts()) {
      positive.addBucketCounts(count);
    }
    ExponentialHistogramDataPoint.Builder point = ExponentialHistogramDataPoint.newBuilder()
        .addAllAttributes(series.attributes).setStartTimeUnixNano(start).setTimeUnixNano(time)
        .setCount(h.count()).setSum(h.sum()).setScale(h.scale()).setZeroCount(h.zeroCount())
        .setPositive(positive);
    if (!Double.isNaN(h.min())) {
      point.setMin(h.min()).setMax(h.max());
    }
    if (exemplar != null) {
      point.addExemplars(exemplar(exemplar));
    }
    return point.build();
  }

  private static Exemplar exemplar(SpanExemplar exemplar) {
    return Exemplar.newBuilder()
        .setTraceId(exemplar.traceId()).setSpanId(exemplar.spanId())
        .setAsDouble(exemplar.duration()).setTimeUnixNano(exemplar.timeNanos()).build();
  }
}
