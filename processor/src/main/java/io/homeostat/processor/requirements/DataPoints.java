package io.homeostat.processor.requirements;

import io.homeostat.core.otlp.Rewrites;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import java.util.function.BiFunction;

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
        var points = metric.getGauge().getDataPointsList();
        var edited = each(points, batch, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
        yield edited == points ? metric : edited.isEmpty() ? null
            : metric.toBuilder().setGauge(metric.getGauge().toBuilder().clearDataPoints().addAllDataPoints(edited)).build();
      }
      case SUM -> {
        var points = metric.getSum().getDataPointsList();
        var edited = each(points, batch, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
        yield edited == points ? metric : edited.isEmpty() ? null
            : metric.toBuilder().setSum(metric.getSum().toBuilder().clearDataPoints().addAllDataPoints(edited)).build();
      }
      case HISTOGRAM -> {
        var points = metric.getHistogram().getDataPointsList();
        var edited = each(points, batch, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
        yield edited == points ? metric : edited.isEmpty() ? null
            : metric.toBuilder().setHistogram(metric.getHistogram().toBuilder().clearDataPoints().addAllDataPoints(edited)).build();
      }
      case EXPONENTIAL_HISTOGRAM -> {
        var points = metric.getExponentialHistogram().getDataPointsList();
        var edited = each(points, batch, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
        yield edited == points ? metric : edited.isEmpty() ? null
            : metric.toBuilder().setExponentialHistogram(metric.getExponentialHistogram().toBuilder().clearDataPoints().addAllDataPoints(edited)).build();
      }
      case SUMMARY -> {
        var points = metric.getSummary().getDataPointsList();
        var edited = each(points, batch, (p, a) -> p.toBuilder().clearAttributes().addAllAttributes(a).build());
        yield edited == points ? metric : edited.isEmpty() ? null
            : metric.toBuilder().setSummary(metric.getSummary().toBuilder().clearDataPoints().addAllDataPoints(edited)).build();
      }
      case DATA_NOT_SET -> metric;
    };
  }

  private static <P> List<P> each(List<P> points, Batch<Metric> batch,
      BiFunction<P, List<KeyValue>, P> withAttributes) {
    return Rewrites.each(points, point -> {
      int i = batch.cursor++;
      if (batch.leaves(i)) {
        return null;
      }
      List<KeyValue> edited = batch.edited(i);
      return edited == null ? point : withAttributes.apply(point, edited);
    });
  }
}
