package io.homeostat.exporter.prometheus.translate;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.Buckets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exponential histograms in classic buckets, for the text formats and remote write.
 *
 * <p>The Collector exposes an exponential histogram as a native histogram, which only protobuf
 * scrapes (and remote write with native histograms switched on) can carry. Here it becomes a
 * classic histogram whose bucket bounds are powers of two: its buckets are merged down to scale 0
 * (one bucket per doubling), where bucket {@code j} holds the values in {@code (2^j, 2^(j+1)]}.
 * A histogram of a coarser scale (below 0) keeps its own bounds, which are powers of two as well.
 * Every series thus shares the same bounds, so {@code histogram_quantile} and
 * {@code sum by (le)} work across series, at the price of resolution: a quantile is interpolated
 * within a factor of two. Between the lowest and the highest populated bucket every bound is
 * written, empty ones included, plus the lower edge of the lowest bucket, so that
 * {@code histogram_quantile} interpolates from the right place. Negative values get mirrored
 * bounds ({@code -2^(j+1)} up to {@code -2^j}), the zero bucket the bound
 * {@code zero_threshold}, and whatever the buckets do not account for of the point's count goes to
 * {@code +Inf}.
 */
final class ExponentialBuckets {

  /** Exponents beyond a double's range become 0 or infinity; this keeps the walk short. */
  private static final int MIN_EXPONENT = -1100;
  private static final int MAX_EXPONENT = 1100;

  private ExponentialBuckets() {}

  /** Classic buckets: increasing bounds ending with {@code +Inf}, and per-bucket counts. */
  record Classic(double[] upperBounds, long[] counts) {}

  static Classic toClassic(ExponentialHistogramDataPoint point) {
    int scale = point.getScale();
    int step = scale >= 0 ? 1 : 1 << Math.min(-scale, 20);
    TreeMap<Double, Long> buckets = new TreeMap<>();
    TreeMap<Integer, Long> negative = byExponent(point.getNegative(), scale);
    if (!negative.isEmpty()) {
      add(buckets, -Math.scalb(1.0, negative.lastKey()), 0);
      for (int e = negative.lastKey(); e >= negative.firstKey(); e -= step) {
        add(buckets, -Math.scalb(1.0, e - step), negative.getOrDefault(e, 0L));
      }
    }
    double zeroThreshold = point.getZeroThreshold();
    if (point.getZeroCount() > 0) {
      add(buckets, zeroThreshold, point.getZeroCount());
    }
    TreeMap<Integer, Long> positive = byExponent(point.getPositive(), scale);
    if (!positive.isEmpty()) {
      double lowerEdge = Math.scalb(1.0, positive.firstKey() - step);
      if (lowerEdge > zeroThreshold) {
        add(buckets, lowerEdge, 0);
      }
      for (int e = positive.firstKey(); e <= positive.lastKey(); e += step) {
        add(buckets, Math.scalb(1.0, e), positive.getOrDefault(e, 0L));
      }
    }
    long counted = 0;
    for (long count : buckets.values()) {
      counted += count;
    }
    add(buckets, Double.POSITIVE_INFINITY, Math.max(0, point.getCount() - counted));
    double[] bounds = new double[buckets.size()];
    long[] counts = new long[buckets.size()];
    int i = 0;
    for (Map.Entry<Double, Long> bucket : buckets.entrySet()) {
      bounds[i] = bucket.getKey();
      counts[i++] = bucket.getValue();
    }
    return new Classic(bounds, counts);
  }

  /** Counts by the exponent of each bucket's upper bound at scale 0 (or the point's own, below). */
  private static TreeMap<Integer, Long> byExponent(Buckets buckets, int scale) {
    TreeMap<Integer, Long> counts = new TreeMap<>();
    for (int k = 0; k < buckets.getBucketCountsCount(); k++) {
      long count = buckets.getBucketCounts(k);
      if (count != 0) {
        long index = (long) buckets.getOffset() + k;
        long exponent = scale >= 0 ? (index >> scale) + 1 : (index + 1) << -scale;
        counts.merge((int) Math.max(MIN_EXPONENT, Math.min(MAX_EXPONENT, exponent)), count,
            Long::sum);
      }
    }
    return counts;
  }

  private static void add(TreeMap<Double, Long> buckets, double bound, long count) {
    // + 0.0 makes -0.0 (an underflow of a negative bound) the same key as 0.0.
    buckets.merge(bound + 0.0, count, Long::sum);
  }

  /** {@code buckets} at a scale {@code by} steps coarser: each bucket's index shifted right. */
  static Buckets downscale(Buckets buckets, int by) {
    int n = buckets.getBucketCountsCount();
    if (by == 0 || n == 0) {
      return buckets;
    }
    int offset = buckets.getOffset() >> by;
    long[] counts = new long[((buckets.getOffset() + n - 1) >> by) - offset + 1];
    for (int k = 0; k < n; k++) {
      counts[((buckets.getOffset() + k) >> by) - offset] += buckets.getBucketCounts(k);
    }
    return of(offset, counts);
  }

  /** The bucket-wise sum of two sets of buckets of the same scale. */
  static Buckets add(Buckets a, Buckets b) {
    if (a.getBucketCountsCount() == 0) {
      return b;
    }
    if (b.getBucketCountsCount() == 0) {
      return a;
    }
    int offset = Math.min(a.getOffset(), b.getOffset());
    int end = Math.max(a.getOffset() + a.getBucketCountsCount(),
        b.getOffset() + b.getBucketCountsCount());
    long[] counts = new long[end - offset];
    for (int k = 0; k < a.getBucketCountsCount(); k++) {
      counts[a.getOffset() - offset + k] += a.getBucketCounts(k);
    }
    for (int k = 0; k < b.getBucketCountsCount(); k++) {
      counts[b.getOffset() - offset + k] += b.getBucketCounts(k);
    }
    return of(offset, counts);
  }

  private static Buckets of(int offset, long[] counts) {
    Buckets.Builder builder = Buckets.newBuilder().setOffset(offset);
    for (long count : counts) {
      builder.addBucketCounts(count);
    }
    return builder.build();
  }
}
