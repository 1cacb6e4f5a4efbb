package io.homeostat.exporter.prometheus.translate;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;

/**
 * Adds a delta point to the cumulative point before it: the result starts when the cumulative
 * one started, ends when the delta ends, and carries the delta's exemplars.
 */
final class DeltaMerge {

  private DeltaMerge() {}

  static NumberDataPoint sum(NumberDataPoint total, NumberDataPoint delta) {
    NumberDataPoint.Builder merged = delta.toBuilder()
        .setStartTimeUnixNano(total.getStartTimeUnixNano());
    if (total.hasAsInt() && delta.hasAsInt()) {
      merged.setAsInt(total.getAsInt() + delta.getAsInt());
    } else {
      merged.setAsDouble(Points.value(total) + Points.value(delta));
    }
    return merged.build();
  }

  /** The sum of both, or null when their bounds differ: the delta then starts over. */
  static HistogramDataPoint histogram(HistogramDataPoint total, HistogramDataPoint delta) {
    if (!total.getExplicitBoundsList().equals(delta.getExplicitBoundsList())
        || total.getBucketCountsCount() != delta.getBucketCountsCount()) {
      return null;
    }
    HistogramDataPoint.Builder merged = delta.toBuilder()
        .setStartTimeUnixNano(total.getStartTimeUnixNano())
        .setCount(total.getCount() + delta.getCount());
    for (int i = 0; i < delta.getBucketCountsCount(); i++) {
      merged.setBucketCounts(i, total.getBucketCounts(i) + delta.getBucketCounts(i));
    }
    if (total.hasSum() && delta.hasSum()) {
      merged.setSum(total.getSum() + delta.getSum());
    } else {
      merged.clearSum();
    }
    if (total.hasMin() && delta.hasMin()) {
      merged.setMin(Math.min(total.getMin(), delta.getMin()));
    }
    if (total.hasMax() && delta.hasMax()) {
      merged.setMax(Math.max(total.getMax(), delta.getMax()));
    }
    return merged.build();
  }

  /** The sum of both at the coarser of their scales. */
  static ExponentialHistogramDataPoint exponential(ExponentialHistogramDataPoint total,
      ExponentialHistogramDataPoint delta) {
    int scale = Math.min(total.getScale(), delta.getScale());
    int totalBy = total.getScale() - scale;
    int deltaBy = delta.getScale() - scale;
    ExponentialHistogramDataPoint.Builder merged = delta.toBuilder()
        .setStartTimeUnixNano(total.getStartTimeUnixNano())
        .setScale(scale)
        .setCount(total.getCount() + delta.getCount())
        .setZeroCount(total.getZeroCount() + delta.getZeroCount())
        .setZeroThreshold(Math.max(total.getZeroThreshold(), delta.getZeroThreshold()))
        .setPositive(ExponentialBuckets.add(
            ExponentialBuckets.downscale(total.getPositive(), totalBy),
            ExponentialBuckets.downscale(delta.getPositive(), deltaBy)))
        .setNegative(ExponentialBuckets.add(
            ExponentialBuckets.downscale(total.getNegative(), totalBy),
            ExponentialBuckets.downscale(delta.getNegative(), deltaBy)));
    if (total.hasSum() && delta.hasSum()) {
      merged.setSum(total.getSum() + delta.getSum());
    } else {
      merged.clearSum();
    }
    if (total.hasMin() && delta.hasMin()) {
      merged.setMin(Math.min(total.getMin(), delta.getMin()));
    }
    if (total.hasMax() && delta.hasMax()) {
      merged.setMax(Math.max(total.getMax(), delta.getMax()));
    }
    return merged.build();
  }
}
