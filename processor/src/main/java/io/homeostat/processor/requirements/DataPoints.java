package io.homeostat.processor.requirements;

import io.homeostat.core.otlp.Rewrites;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The data points of a metric of any type, read and edited by their attributes. */
final class DataPoints {

  private DataPoints() {}

  /** The attributes of data point {@code index} of {@code metric}. */
  static List<KeyValue> attributes(Metric metric, int index) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPoints(index).getAttributesList();
      case SUM -> metric.getSum().getDataPoints(index).getAttributesList();
      case HISTOGRAM -> metric.getHistogram().getDataPoints(index).getAttributesList();
      case EXPONENTIAL_HISTOGRAM ->
          metric.getExponentialHistogram().getDataPoints(index).getAttributesList();
      case SUMMARY -> metric.getSummary().getDataPoints(index).getAttributesList();
      case DATA_NOT_SET -> List.of();
    };
  }

  /**
   * The metric with each data point replaced as the batch decided, in order from
   * {@code batch.cursor}: unchanged, with new attributes, or gone. Returns the same metric when
   * nothing changed, and null when no point is left.
   */
  static Metric edit(Metric metric, Batch<Metric> batch) {
    return switch (metric.getDataCase()) {
      case GAUGE -> {
        Gauge gauge = metric.getGauge();
        yield edit(metric, gauge.getDataPointsList(), batch,
            (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
            points -> metric.toBuilder()
                .setGauge(gauge.toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      }
      case SUM -> {
        Sum sum = metric.getSum();
        yield edit(metric, sum.getDataPointsList(), batch,
            (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
            points -> metric.toBuilder()
                .setSum(sum.toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      }
      case HISTOGRAM -> {
        Histogram histogram = metric.getHistogram();
        yield edit(metric, histogram.getDataPointsList(), batch,
            (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
            points -> metric.toBuilder()
                .setHistogram(histogram.toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      }
      case EXPONENTIAL_HISTOGRAM -> {
        ExponentialHistogram histogram = metric.getExponentialHistogram();
        yield edit(metric, histogram.getDataPointsList(), batch,
            (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
            points -> metric.toBuilder().setExponentialHistogram(
                histogram.toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      }
      case SUMMARY -> {
        Summary summary = metric.getSummary();
        yield edit(metric, summary.getDataPointsList(), batch,
            (point, attributes) -> point.toBuilder().clearAttributes().addAllAttributes(attributes).build(),
            points -> metric.toBuilder()
                .setSummary(summary.toBuilder().clearDataPoints().addAllDataPoints(points)).build());
      }
      case DATA_NOT_SET -> metric;
    };
  }

  private static <P> Metric edit(Metric metric, List<P> points, Batch<Metric> batch,
      BiFunction<P, List<KeyValue>, P> withAttributes, Function<List<P>, Metric> withPoints) {
    List<P> edited = Rewrites.each(points, point -> {
      int i = batch.cursor++;
      if (batch.leaves(i)) {
        return null;
      }
      List<KeyValue> attributes = batch.edited(i);
      return attributes == null ? point : withAttributes.apply(point, attributes);
    });
    return edited == points ? metric : edited.isEmpty() ? null : withPoints.apply(edited);
  }
}
