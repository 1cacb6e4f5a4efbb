package io.homeostat.exporter.prometheus.translate;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
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
import java.util.HexFormat;
import java.util.List;

/** OTLP metrics written briefly, for the Prometheus exporters' tests. */
public final class OtlpMetrics {

  /** 2026-11-21T10:15:00Z in nanoseconds. */
  public static final long T0 = 1_795_256_100_000_000_000L;
  public static final long SECOND = 1_000_000_000L;
  public static final AggregationTemporality CUMULATIVE =
      AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
  public static final AggregationTemporality DELTA =
      AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  public static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String SPAN_ID = "00f067aa0ba902b7";

  /** {@code checkout} in namespace {@code shop}, instance {@code checkout-1}, in {@code eu}. */
  public static final Resource RESOURCE = resource("service.name", "checkout",
      "service.namespace", "shop", "service.instance.id", "checkout-1", "cloud.region", "eu");
  public static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder()
      .setName("io.homeostat.shop").setVersion("1.2.0").build();

  private OtlpMetrics() {}

  /** Attributes from alternating keys and string values. */
  public static List<KeyValue> attributes(String... keysAndValues) {
    KeyValue[] out = new KeyValue[keysAndValues.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = attribute(keysAndValues[2 * i], keysAndValues[2 * i + 1]);
    }
    return List.of(out);
  }

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  /** An attribute whose value is an array of strings. */
  public static KeyValue arrayAttribute(String key, String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String value : values) {
      array.addValues(AnyValue.newBuilder().setStringValue(value));
    }
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setArrayValue(array)).build();
  }

  public static Resource resource(String... keysAndValues) {
    return Resource.newBuilder().addAllAttributes(attributes(keysAndValues)).build();
  }

  public static ExportMetricsServiceRequest request(Metric... metrics) {
    return request(RESOURCE, SCOPE, metrics);
  }

  public static ExportMetricsServiceRequest request(Resource resource, InstrumentationScope scope,
      Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope)
            .addAllMetrics(List.of(metrics)))).build();
  }

  /** A point of {@code value} from {@code start} to {@code time} (nanoseconds). */
  public static NumberDataPoint number(double value, long start, long time,
      List<KeyValue> attributes) {
    return NumberDataPoint.newBuilder().setAsDouble(value).setStartTimeUnixNano(start)
        .setTimeUnixNano(time).addAllAttributes(attributes).build();
  }

  public static NumberDataPoint number(long value, long start, long time,
      List<KeyValue> attributes) {
    return NumberDataPoint.newBuilder().setAsInt(value).setStartTimeUnixNano(start)
        .setTimeUnixNano(time).addAllAttributes(attributes).build();
  }

  public static Metric gauge(String name, String unit, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setUnit(unit).setGauge(Gauge.newBuilder()
        .addAllDataPoints(List.of(points))).build();
  }

  public static Metric sum(String name, String unit, boolean monotonic,
      AggregationTemporality temporality, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(Sum.newBuilder()
        .setIsMonotonic(monotonic).setAggregationTemporality(temporality)
        .addAllDataPoints(List.of(points))).build();
  }

  /** A monotonic cumulative sum. */
  public static Metric counter(String name, String unit, NumberDataPoint... points) {
    return sum(name, unit, true, CUMULATIVE, points);
  }

  /** A point with explicit {@code bounds} and {@code counts} (one more than bounds). */
  public static HistogramDataPoint histogramPoint(double[] bounds, long[] counts, double sum,
      long start, long time, List<KeyValue> attributes) {
    HistogramDataPoint.Builder point = HistogramDataPoint.newBuilder()
        .setStartTimeUnixNano(start).setTimeUnixNano(time).setSum(sum)
        .addAllAttributes(attributes);
    long count = 0;
    for (double bound : bounds) {
      point.addExplicitBounds(bound);
    }
    for (long c : counts) {
      point.addBucketCounts(c);
      count += c;
    }
    return point.setCount(count).build();
  }

  public static Metric histogram(String name, String unit, AggregationTemporality temporality,
      HistogramDataPoint... points) {
    return Metric.newBuilder().setName(name).setUnit(unit).setHistogram(Histogram.newBuilder()
        .setAggregationTemporality(temporality).addAllDataPoints(List.of(points))).build();
  }

  /** An exponential point of {@code scale} with positive buckets from {@code offset}. */
  public static ExponentialHistogramDataPoint exponentialPoint(int scale, int offset,
      long[] positive, long zeroCount, double sum, long start, long time) {
    ExponentialHistogramDataPoint.Buckets.Builder buckets =
        ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(offset);
    long count = zeroCount;
    for (long c : positive) {
      buckets.addBucketCounts(c);
      count += c;
    }
    return ExponentialHistogramDataPoint.newBuilder().setScale(scale).setPositive(buckets)
        .setZeroCount(zeroCount).setCount(count).setSum(sum).setStartTimeUnixNano(start)
        .setTimeUnixNano(time).build();
  }

  public static Metric exponential(String name, String unit, AggregationTemporality temporality,
      ExponentialHistogramDataPoint... points) {
    return Metric.newBuilder().setName(name).setUnit(unit).setExponentialHistogram(
        ExponentialHistogram.newBuilder().setAggregationTemporality(temporality)
            .addAllDataPoints(List.of(points))).build();
  }

  public static Metric summary(String name, String unit, SummaryDataPoint... points) {
    return Metric.newBuilder().setName(name).setUnit(unit).setSummary(Summary.newBuilder()
        .addAllDataPoints(List.of(points))).build();
  }

  /** An exemplar of {@code value} from {@link #TRACE_ID} / {@link #SPAN_ID} at {@code time}. */
  public static Exemplar exemplar(double value, long time) {
    HexFormat hex = HexFormat.of();
    return Exemplar.newBuilder().setAsDouble(value).setTimeUnixNano(time)
        .setTraceId(ByteString.copyFrom(hex.parseHex(TRACE_ID)))
        .setSpanId(ByteString.copyFrom(hex.parseHex(SPAN_ID))).build();
  }
}
