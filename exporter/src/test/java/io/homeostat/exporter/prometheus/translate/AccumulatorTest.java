package io.homeostat.exporter.prometheus.translate;

import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.CUMULATIVE;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.DELTA;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.SECOND;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.T0;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.attributes;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.counter;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.exponential;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.exponentialPoint;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.gauge;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogram;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogramPoint;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.number;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.request;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.telemetry.MetricRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AccumulatorTest {

  private final MetricRegistry registry = new MetricRegistry();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final Accumulator accumulator = new Accumulator(new MetricNamer("", true),
      Duration.ofMinutes(5), nanos::get, new Drops(registry, "prometheus"));

  private void offer(Metric... metrics) {
    accumulator.prepare(request(metrics)).commit();
  }

  private List<Message> points() {
    return accumulator.live().stream().map(Series::point).toList();
  }

  private Message onlyPoint() {
    List<Message> points = points();
    assertEquals(1, points.size(), points.toString());
    return points.get(0);
  }

  private double dropped(String reason) {
    return registry.value("homeostat_exporter_dropped_metric_points_total",
        "exporter", "prometheus", "reason", reason);
  }

  private static Metric deltaCounter(long value, long start, long end) {
    return sum("orders", "", true, DELTA, number(value, start, end, attributes("req", "REQ-1")));
  }

  @Test
  void aCumulativePointReplacesTheOneHeldAndAnOlderOneIsDropped() {
    offer(counter("c", "", number(5L, T0, T0 + 2 * SECOND, List.of())));
    offer(counter("c", "", number(7L, T0, T0 + 3 * SECOND, List.of())));
    offer(counter("c", "", number(6L, T0, T0 + SECOND, List.of())));
    assertEquals(7, ((NumberDataPoint) onlyPoint()).getAsInt());
    assertEquals(1.0, dropped("out_of_order"));
  }

  @Test
  void alignedDeltaSumsAddUpAndKeepTheFirstStart() {
    offer(deltaCounter(2, T0, T0 + SECOND));
    offer(deltaCounter(3, T0 + SECOND, T0 + 2 * SECOND));
    offer(deltaCounter(4, T0 + 2 * SECOND, T0 + 3 * SECOND));
    NumberDataPoint total = (NumberDataPoint) onlyPoint();
    assertEquals(9, total.getAsInt());
    assertEquals(T0, total.getStartTimeUnixNano());
    assertEquals(T0 + 3 * SECOND, total.getTimeUnixNano());
  }

  @Test
  void deltasOfOneSeriesInOneRequestAddUpToo() {
    offer(sum("orders", "", true, DELTA, number(2.5, T0, T0 + SECOND, List.of()),
        number(1L, T0 + SECOND, T0 + 2 * SECOND, List.of())));
    assertEquals(3.5, ((NumberDataPoint) onlyPoint()).getAsDouble());
  }

  @Test
  void aDeltaAfterAGapStartsTheSeriesOverAndAnOverlappingOneIsDropped() {
    offer(deltaCounter(2, T0, T0 + SECOND));
    offer(deltaCounter(5, T0 + 5 * SECOND, T0 + 6 * SECOND));
    NumberDataPoint restarted = (NumberDataPoint) onlyPoint();
    assertEquals(5, restarted.getAsInt());
    assertEquals(T0 + 5 * SECOND, restarted.getStartTimeUnixNano());
    offer(deltaCounter(1, T0 + 5 * SECOND + 1, T0 + 7 * SECOND));
    assertEquals(5, ((NumberDataPoint) onlyPoint()).getAsInt());
    assertEquals(1.0, dropped("misaligned_delta"));
  }

  @Test
  void deltaSumsThatAreNotMonotonicAndUnspecifiedTemporalityAreDroppedAndCounted() {
    offer(sum("queue", "", false, DELTA, number(1L, T0, T0 + SECOND, List.of()),
        number(2L, T0, T0 + SECOND, attributes("a", "b"))));
    offer(sum("queue", "", true, AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED,
        number(1L, T0, T0 + SECOND, List.of())));
    assertEquals(List.of(), points());
    assertEquals(2.0, dropped("non_monotonic_delta"));
    assertEquals(1.0, dropped("unspecified_temporality"));
  }

  @Test
  void deltaHistogramsAddUpBucketByBucketUntilTheirBoundsChange() {
    double[] bounds = {10, 100};
    offer(histogram("h", "", DELTA, histogramPoint(bounds, new long[] {1, 0, 2}, 300, T0,
        T0 + SECOND, List.of())));
    offer(histogram("h", "", DELTA, histogramPoint(bounds, new long[] {0, 4, 1}, 250,
        T0 + SECOND, T0 + 2 * SECOND, List.of())));
    HistogramDataPoint total = (HistogramDataPoint) onlyPoint();
    assertEquals(List.of(1L, 4L, 3L), total.getBucketCountsList());
    assertEquals(8, total.getCount());
    assertEquals(550.0, total.getSum());
    assertEquals(T0, total.getStartTimeUnixNano());
    offer(histogram("h", "", DELTA, histogramPoint(new double[] {50}, new long[] {1, 1}, 80,
        T0 + 2 * SECOND, T0 + 3 * SECOND, List.of())));
    HistogramDataPoint restarted = (HistogramDataPoint) onlyPoint();
    assertEquals(List.of(1L, 1L), restarted.getBucketCountsList());
    assertEquals(T0 + 2 * SECOND, restarted.getStartTimeUnixNano());
  }

  @Test
  void deltaExponentialHistogramsAddUpAtTheCoarserScale() {
    offer(exponential("e", "", DELTA, exponentialPoint(2, 4, new long[] {1, 1, 1, 1}, 1, 10,
        T0, T0 + SECOND)));
    offer(exponential("e", "", DELTA, exponentialPoint(1, 3, new long[] {5}, 2, 20,
        T0 + SECOND, T0 + 2 * SECOND)));
    ExponentialHistogramDataPoint total = (ExponentialHistogramDataPoint) onlyPoint();
    // Scale 2 buckets 4..7 become scale 1 buckets 2 and 3 (two each); bucket 3 gets 5 more.
    assertEquals(1, total.getScale());
    assertEquals(2, total.getPositive().getOffset());
    assertEquals(List.of(2L, 7L), total.getPositive().getBucketCountsList());
    assertEquals(3, total.getZeroCount());
    assertEquals(12, total.getCount());
    assertEquals(30.0, total.getSum());
  }

  @Test
  void aPointWithoutRecordedValueEndsItsSeries() {
    offer(gauge("g", "", number(1.0, 0, T0, List.of())));
    offer(gauge("g", "", number(0.0, 0, T0 + SECOND, List.of()).toBuilder()
        .setFlags(DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE).build()));
    assertEquals(List.of(), points());
    assertEquals(0, accumulator.size());
  }

  @Test
  void seriesNotUpdatedWithinTheExpirationAreGone() {
    offer(gauge("g", "", number(1.0, 0, T0, attributes("k", "old"))));
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    offer(gauge("g", "", number(1.0, 0, T0, attributes("k", "new"))));
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    assertEquals(2, points().size(), "exactly 5 minutes is not past the expiration");
    nanos.incrementAndGet();
    List<Message> live = points();
    assertEquals(1, live.size());
    assertEquals("new", ((NumberDataPoint) live.get(0)).getAttributes(0).getValue()
        .getStringValue());
    assertEquals(1, accumulator.size());
  }

  @Test
  void expireRemovesAndReturnsTheExpiredSeries() {
    offer(gauge("g", "", number(1.0, 0, T0, List.of())));
    assertEquals(List.of(), accumulator.expire());
    nanos.addAndGet(Duration.ofMinutes(6).toNanos());
    List<Series> expired = accumulator.expire();
    assertEquals(1, expired.size());
    assertEquals("g", expired.get(0).metric().getName());
    assertEquals(0, accumulator.size());
  }

  @Test
  void aBatchChangesNothingUntilCommitted() {
    Accumulator.Batch batch = accumulator.prepare(request(deltaCounter(2, T0, T0 + SECOND)));
    assertEquals(1, batch.points());
    assertEquals(0, accumulator.size());
    accumulator.prepare(request(deltaCounter(2, T0, T0 + SECOND))).commit();
    assertEquals(2, ((NumberDataPoint) onlyPoint()).getAsInt(), "the uncommitted delta is lost");
    assertThrows(IllegalStateException.class, () -> {
      Accumulator.Batch once = accumulator.prepare(request(gauge("g", "",
          number(1.0, 0, T0, List.of()))));
      once.commit();
      once.commit();
    });
  }

  @Test
  void aCumulativeRequestIsSentAsItCameAndADeltaOneAsCumulativeTotals() {
    ExportMetricsServiceRequest cumulative = request(counter("c", "", number(1L, T0, T0 + SECOND,
        List.of())));
    assertSame(cumulative, accumulator.prepare(cumulative).request());
    offer(deltaCounter(2, T0, T0 + SECOND));
    ExportMetricsServiceRequest delta = request(deltaCounter(3, T0 + SECOND, T0 + 2 * SECOND));
    ExportMetricsServiceRequest sent = accumulator.prepare(delta).request();
    assertNotSame(delta, sent);
    Metric metric = sent.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
    assertEquals(CUMULATIVE, metric.getSum().getAggregationTemporality());
    assertEquals(5, metric.getSum().getDataPoints(0).getAsInt());
    assertEquals(T0, metric.getSum().getDataPoints(0).getStartTimeUnixNano());
    assertEquals(sent.getResourceMetrics(0).getResource(),
        delta.getResourceMetrics(0).getResource());
  }

  @Test
  void droppedPointsAreLeftOutOfTheRequestToSend() {
    ExportMetricsServiceRequest mixed = request(counter("ok", "", number(1L, T0, T0, List.of())),
        counter("negative", "", number(-1L, T0, T0, List.of())));
    Accumulator.Batch batch = accumulator.prepare(mixed);
    List<Metric> metrics = batch.request().getResourceMetrics(0).getScopeMetrics(0)
        .getMetricsList();
    assertEquals(List.of("ok"), metrics.stream().map(Metric::getName).toList());
    batch.commit();
    assertEquals(1.0, dropped("invalid_point"));
  }

  @Test
  void histogramsWithDisorderedBoundsOrTheWrongNumberOfCountsAreDropped() {
    offer(histogram("h", "", CUMULATIVE,
        histogramPoint(new double[] {5, 1}, new long[] {1, 1, 1}, 3, T0, T0, List.of()),
        histogramPoint(new double[] {1, 5}, new long[] {1, 1}, 3, T0, T0, attributes("a", "b")),
        histogramPoint(new double[] {1, Double.NaN}, new long[] {1, 1, 1}, 3, T0, T0,
            attributes("a", "c"))));
    assertEquals(List.of(), points());
    assertEquals(3.0, dropped("invalid_point"));
  }

  @Test
  void metricsWhoseNameHasNothingUsableAreDropped() {
    offer(gauge("...", "s", number(1.0, 0, T0, List.of()), number(2.0, 0, T0,
        attributes("a", "b"))));
    assertEquals(List.of(), points());
    assertEquals(2.0, dropped("invalid_name"));
  }

  @Test
  void theEndOfExpiredSeriesIsTheirLastPointFlaggedAfterItsTime() {
    offer(counter("c", "", number(4L, T0, T0 + SECOND, attributes("a", "b"))));
    nanos.addAndGet(Duration.ofMinutes(6).toNanos());
    ExportMetricsServiceRequest end = Accumulator.endOf(accumulator.expire(), T0 + 400 * SECOND);
    NumberDataPoint ended = end.getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getSum()
        .getDataPoints(0);
    assertEquals(T0 + 400 * SECOND, ended.getTimeUnixNano());
    assertTrue(Points.noRecordedValue(ended));
    assertEquals(4, ended.getAsInt());
    ExportMetricsServiceRequest early = Accumulator.endOf(List.of(new Series(
        OtlpMetrics.RESOURCE, OtlpMetrics.SCOPE, counter("c", ""), ended, 0)), T0);
    assertEquals(T0 + 400 * SECOND + 1_000_000, early.getResourceMetrics(0).getScopeMetrics(0)
        .getMetrics(0).getSum().getDataPoints(0).getTimeUnixNano(),
        "a clock behind the last point still ends the series after it");
  }
}
