package io.homeostat.exporter.prometheus.translate;

import com.google.protobuf.Message;
import io.homeostat.exporter.prometheus.translate.Drops.Reason;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The latest cumulative point of every series, after the Collector's prometheus exporter
 * ({@code accumulator.go}).
 *
 * <p>A series is one data point stream: the same resource, scope, metric name and point
 * attributes. Cumulative points replace the one held unless they are older. Delta sums that are
 * monotonic and delta histograms are added to the point held when they start where it ended; a
 * delta that starts later (a gap: points were lost, or the sender restarted) starts the series
 * over, one that starts earlier is dropped. Delta sums that are not monotonic and points of
 * unspecified temporality are dropped, as the Collector drops them. A point flagged "no recorded
 * value" ends its series. Series not updated for {@code metric_expiration} are gone.
 *
 * <p>Requests are taken in two steps, so that a request the exporter cannot queue leaves no trace
 * (its client sends it again, and a delta counted twice would be wrong): {@link #prepare} works
 * out the new points without changing anything, {@link Batch#commit} stores them. Only one thread
 * (the pipeline's) may prepare and commit; any thread may read or expire series at the same time.
 */
public final class Accumulator {

  private final MetricNamer namer;
  private final long expirationNanos;
  private final LongSupplier nanoTime;
  private final Drops drops;
  private final Map<Key, Series> series = new ConcurrentHashMap<>();

  /**
   * @param namer finds metrics whose names Prometheus cannot take, which are dropped
   * @param expiration the config's {@code metric_expiration}
   * @param nanoTime {@link System#nanoTime}, or a test's clock
   */
  public Accumulator(MetricNamer namer, Duration expiration, LongSupplier nanoTime, Drops drops) {
    this.namer = namer;
    this.expirationNanos = expiration.toNanos();
    this.nanoTime = nanoTime;
    this.drops = drops;
  }

  /** Works out what {@code request} changes; nothing changes until the batch is committed. */
  public Batch prepare(ExportMetricsServiceRequest request) {
    Batch batch = new Batch(request, nanoTime.getAsLong());
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      Resource resource = resourceMetrics.getResource();
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        InstrumentationScope scope = scopeMetrics.getScope();
        for (Metric metric : scopeMetrics.getMetricsList()) {
          prepare(batch, resource, scope, metric);
        }
      }
    }
    return batch;
  }

  private void prepare(Batch batch, Resource resource, InstrumentationScope scope, Metric metric) {
    List<? extends Message> points = Points.of(metric);
    if (points.isEmpty()) {
      return;
    }
    Reason refused = refusal(metric);
    if (refused != null) {
      batch.drop(refused, points.size(), metric.getName());
      return;
    }
    boolean delta = temporality(metric) == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
    batch.modified |= delta;
    Metric header = header(metric);
    for (Message point : points) {
      Key key = new Key(resource, scope, metric.getName(), Points.attributes(point));
      if (Points.noRecordedValue(point)) {
        batch.end(key, new Series(resource, scope, header, point, batch.now));
        continue;
      }
      Series held = batch.latest(key);
      Message previous = held == null || held.metric().getDataCase() != metric.getDataCase()
          ? null : held.point();
      Reason rejected = rejection(previous, metric, point, delta);
      if (rejected != null) {
        batch.drop(rejected, 1, metric.getName());
        continue;
      }
      Message accepted = delta && previous != null
          && Points.startNanos(point) == Points.timeNanos(previous)
          ? merge(metric, previous, point) : point;
      batch.modified |= accepted != point;
      batch.put(key, new Series(resource, scope, header, accepted, batch.now));
    }
  }

  /** Why none of {@code metric}'s points can be taken, or null. */
  private Reason refusal(Metric metric) {
    if (namer.name(metric).isEmpty()) {
      return Reason.INVALID_NAME;
    }
    AggregationTemporality temporality = temporality(metric);
    if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_UNSPECIFIED
        || temporality == AggregationTemporality.UNRECOGNIZED) {
      return Reason.UNSPECIFIED_TEMPORALITY;
    }
    if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
        && metric.hasSum() && !metric.getSum().getIsMonotonic()) {
      return Reason.NON_MONOTONIC_DELTA;
    }
    return null;
  }

  /** The temporality of a sum or histogram; cumulative for gauges and summaries. */
  private static AggregationTemporality temporality(Metric metric) {
    return switch (metric.getDataCase()) {
      case SUM -> metric.getSum().getAggregationTemporality();
      case HISTOGRAM -> metric.getHistogram().getAggregationTemporality();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getAggregationTemporality();
      default -> AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    };
  }

  /**
   * Why {@code point} cannot be taken, or null: {@code previous} is the point held for its series
   * (null for none).
   */
  private static Reason rejection(Message previous, Metric metric, Message point, boolean delta) {
    if (!isValid(metric, point)) {
      return Reason.INVALID_POINT;
    }
    if (previous == null) {
      return null;
    }
    long previousTime = Points.timeNanos(previous);
    if (Points.timeNanos(point) < previousTime) {
      return Reason.OUT_OF_ORDER;
    }
    // A delta that starts later than the previous one ended (points lost, sender restarted)
    // starts the series over.
    return delta && Points.startNanos(point) < previousTime ? Reason.MISALIGNED_DELTA : null;
  }

  /** The delta {@code point} added to the cumulative {@code previous}. */
  private static Message merge(Metric metric, Message previous, Message point) {
    Message merged = switch (metric.getDataCase()) {
      case SUM -> DeltaMerge.sum((NumberDataPoint) previous, (NumberDataPoint) point);
      case HISTOGRAM -> DeltaMerge.histogram((HistogramDataPoint) previous,
          (HistogramDataPoint) point);
      case EXPONENTIAL_HISTOGRAM -> DeltaMerge.exponential(
          (ExponentialHistogramDataPoint) previous, (ExponentialHistogramDataPoint) point);
      default -> point;
    };
    return merged == null ? point : merged;
  }

  /** False for what Prometheus's model refuses: negative counters, disordered bounds. */
  private static boolean isValid(Metric metric, Message point) {
    if (metric.hasSum() && metric.getSum().getIsMonotonic()) {
      return !(Points.value((NumberDataPoint) point) < 0);
    }
    if (point instanceof HistogramDataPoint histogram) {
      int bounds = histogram.getExplicitBoundsCount();
      if (histogram.getBucketCountsCount() != 0 && histogram.getBucketCountsCount() != bounds + 1) {
        return false;
      }
      for (int i = 0; i < bounds; i++) {
        double bound = histogram.getExplicitBounds(i);
        if (!Double.isFinite(bound) || i > 0 && !(bound > histogram.getExplicitBounds(i - 1))) {
          return false;
        }
      }
    }
    return true;
  }

  /** {@code metric} without its points; sums and histograms now cumulative. */
  private static Metric header(Metric metric) {
    Metric.Builder header = Metric.newBuilder().setName(metric.getName())
        .setDescription(metric.getDescription()).setUnit(metric.getUnit());
    AggregationTemporality cumulative = AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    switch (metric.getDataCase()) {
      case GAUGE -> header.setGauge(Gauge.getDefaultInstance());
      case SUM -> header.setSum(Sum.newBuilder().setIsMonotonic(metric.getSum().getIsMonotonic())
          .setAggregationTemporality(cumulative));
      case HISTOGRAM -> header.setHistogram(Histogram.newBuilder()
          .setAggregationTemporality(cumulative));
      case EXPONENTIAL_HISTOGRAM -> header.setExponentialHistogram(ExponentialHistogram
          .newBuilder().setAggregationTemporality(cumulative));
      case SUMMARY -> header.setSummary(Summary.getDefaultInstance());
      case DATA_NOT_SET -> {
        // no points, never held
      }
    }
    return header.build();
  }

  /** The series updated within {@code metric_expiration}; the others are removed. */
  public List<Series> live() {
    List<Series> live = new ArrayList<>(series.size());
    sweep(live, null);
    return live;
  }

  /** Removes the series not updated within {@code metric_expiration} and returns them. */
  public List<Series> expire() {
    List<Series> expired = new ArrayList<>();
    sweep(null, expired);
    return expired;
  }

  private void sweep(List<Series> live, List<Series> expired) {
    long now = nanoTime.getAsLong();
    series.forEach((key, held) -> {
      if (now - held.updatedNanos() <= expirationNanos) {
        if (live != null) {
          live.add(held);
        }
      } else if (series.remove(key, held) && expired != null) {
        expired.add(held);
      }
    });
  }

  /** The number of series held, expired ones included until they are swept. */
  public int size() {
    return series.size();
  }

  /**
   * An OTLP request that ends each of {@code ended} at {@code timeNanos} (or just after its last
   * point, if that is later): its last point again, flagged "no recorded value".
   */
  public static ExportMetricsServiceRequest endOf(List<Series> ended, long timeNanos) {
    List<Series> points = new ArrayList<>(ended.size());
    for (Series held : ended) {
      long time = Math.max(timeNanos, Points.timeNanos(held.point()) + 1_000_000);
      points.add(new Series(held.resource(), held.scope(), held.metric(),
          Points.ended(held.point(), time), held.updatedNanos()));
    }
    return request(points);
  }

  /** Points grouped back into an export request; neighbours that share a resource share it. */
  private static ExportMetricsServiceRequest request(List<Series> points) {
    ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();
    ResourceMetrics.Builder resource = null;
    ScopeMetrics.Builder scope = null;
    Metric.Builder metric = null;
    Series previous = null;
    for (Series point : points) {
      if (previous == null || point.resource() != previous.resource()) {
        resource = request.addResourceMetricsBuilder().setResource(point.resource());
        scope = null;
      }
      if (scope == null || point.scope() != previous.scope()) {
        scope = resource.addScopeMetricsBuilder().setScope(point.scope());
        metric = null;
      }
      if (metric == null || point.metric() != previous.metric()) {
        metric = scope.addMetricsBuilder().mergeFrom(point.metric());
      }
      addPoint(metric, point.point());
      previous = point;
    }
    return request.build();
  }

  private static void addPoint(Metric.Builder metric, Message point) {
    switch (metric.getDataCase()) {
      case GAUGE -> metric.getGaugeBuilder().addDataPoints((NumberDataPoint) point);
      case SUM -> metric.getSumBuilder().addDataPoints((NumberDataPoint) point);
      case HISTOGRAM -> metric.getHistogramBuilder().addDataPoints((HistogramDataPoint) point);
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogramBuilder()
          .addDataPoints((ExponentialHistogramDataPoint) point);
      case SUMMARY -> metric.getSummaryBuilder().addDataPoints((SummaryDataPoint) point);
      case DATA_NOT_SET -> throw new IllegalStateException("a held point without a metric type");
    }
  }

  /** What one request changes, stored by {@link #commit}. */
  public final class Batch {

    private final ExportMetricsServiceRequest original;
    private final long now;
    /** Series to store (or, with {@code ended}, to remove), in request order. */
    private final List<Key> keys = new ArrayList<>();
    private final List<Series> updates = new ArrayList<>();
    private final List<Boolean> ended = new ArrayList<>();
    /** The latest update of each series in this batch; null for one that ended. */
    private final Map<Key, Series> latest = new HashMap<>();
    private final Map<Reason, long[]> dropped = new EnumMap<>(Reason.class);
    private final Map<Reason, String> droppedMetric = new EnumMap<>(Reason.class);
    /** True once the points to send differ from the request's. */
    private boolean modified;
    private boolean committed;

    private Batch(ExportMetricsServiceRequest original, long now) {
      this.original = original;
      this.now = now;
    }

    private Series latest(Key key) {
      return latest.containsKey(key) ? latest.get(key) : series.get(key);
    }

    private void put(Key key, Series update) {
      keys.add(key);
      updates.add(update);
      ended.add(false);
      latest.put(key, update);
    }

    private void end(Key key, Series last) {
      keys.add(key);
      updates.add(last);
      ended.add(true);
      latest.put(key, null);
    }

    private void drop(Reason reason, int points, String metric) {
      dropped.computeIfAbsent(reason, r -> new long[1])[0] += points;
      droppedMetric.putIfAbsent(reason, metric);
      modified = true;
    }

    /** True when the request holds no point to store or send. */
    public boolean isEmpty() {
      return updates.isEmpty();
    }

    /** The points stored or ended: all of them. */
    public int points() {
      return updates.size();
    }

    /**
     * The request as it should reach Prometheus: cumulative, without the dropped points, with
     * the points that end a series. The request itself when nothing changed.
     */
    public ExportMetricsServiceRequest request() {
      return modified ? Accumulator.request(updates) : original;
    }

    /** Stores the new points and counts the dropped ones. Once only. */
    public void commit() {
      if (committed) {
        throw new IllegalStateException("batch committed twice");
      }
      committed = true;
      for (int i = 0; i < keys.size(); i++) {
        if (ended.get(i)) {
          series.remove(keys.get(i));
        } else {
          series.put(keys.get(i), updates.get(i));
        }
      }
      dropped.forEach((reason, count) -> drops.add(reason, count[0], droppedMetric.get(reason)));
    }
  }

  /** What identifies a series before translation. */
  private record Key(Resource resource, InstrumentationScope scope, String metric,
      List<KeyValue> attributes) {}

}
