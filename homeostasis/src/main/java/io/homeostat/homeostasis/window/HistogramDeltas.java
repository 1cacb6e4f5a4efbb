package io.homeostat.homeostasis.window;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.time.Duration;

/**
 * Turns OTLP histogram points (explicit buckets or exponential) into the buckets they add to a
 * window. Delta points add themselves. Cumulative points add their difference from the series' last
 * point, bucket by bucket; a lower count in any bucket, a lower total or a new start time is a reset
 * (the histogram restarted, so the whole point is new). The first point of a series is a baseline
 * unless the series started while the target watched (see {@link SeriesTable}). An exponential
 * histogram whose scale went down (the SDK merged buckets) is compared at the new scale.
 *
 * <p>Explicit buckets become ranges between their bounds; the first starts at the point's
 * {@code min} if it has one, else at 0 for positive bounds (as {@code histogram_quantile} assumes),
 * and the overflow bucket ends at {@code max}, else at the highest bound.
 */
public final class HistogramDeltas {

  /** What a point added. */
  public enum Delta {
    /** Its buckets are in the list. */
    ADDED,
    /** The first point of a series that started before the target watched: remembered only. */
    BASELINE,
    /** A new series beyond the target's series limit: ignored. */
    UNTRACKED
  }

  private final SeriesTable table;
  private final Object[] last;

  /**
   * @param capacity series tracked at once
   * @param horizon how long an unseen series is remembered
   * @param watchStart when the target started watching, nanoseconds since the epoch
   */
  public HistogramDeltas(int capacity, Duration horizon, long watchStart) {
    table = new SeriesTable(capacity, horizon, watchStart);
    last = new Object[capacity];
  }

  /** Fills {@code out} with what an explicit-bucket point of series {@code key} adds. */
  public Delta explicit(long key, HistogramDataPoint point, boolean cumulative, long now,
      BucketList out) {
    out.clear();
    if (!cumulative) {
      explicitRanges(point, null, out);
      return Delta.ADDED;
    }
    int index = table.indexOf(key, now);
    if (index < 0) {
      return Delta.UNTRACKED;
    }
    Explicit previous = !table.created() && last[index] instanceof Explicit e && e.sameLayout(point)
        ? e : null;
    if (previous == null) {
      boolean whole = table.created() && table.startedWhileWatched(point.getStartTimeUnixNano(), now);
      explicitState(index).remember(point);
      if (!whole) {
        return Delta.BASELINE;
      }
      explicitRanges(point, null, out);
      return Delta.ADDED;
    }
    boolean reset = restarted(point.getStartTimeUnixNano(), previous.start)
        || point.getCount() < previous.count || previous.decreased(point);
    explicitRanges(point, reset ? null : previous.counts, out);
    previous.remember(point);
    return Delta.ADDED;
  }

  /** Fills {@code out} with what an exponential-histogram point of series {@code key} adds. */
  public Delta exponential(long key, ExponentialHistogramDataPoint point, boolean cumulative,
      long now, BucketList out) {
    out.clear();
    if (!cumulative) {
      exponentialRanges(point, null, out);
      return Delta.ADDED;
    }
    int index = table.indexOf(key, now);
    if (index < 0) {
      return Delta.UNTRACKED;
    }
    Exponential previous = !table.created() && last[index] instanceof Exponential e
        && point.getScale() <= e.scale ? e : null;
    if (previous == null) {
      boolean whole = table.created() && table.startedWhileWatched(point.getStartTimeUnixNano(), now);
      exponentialState(index).remember(point);
      if (!whole) {
        return Delta.BASELINE;
      }
      exponentialRanges(point, null, out);
      return Delta.ADDED;
    }
    previous.downscaleTo(point.getScale());
    boolean reset = restarted(point.getStartTimeUnixNano(), previous.start)
        || point.getCount() < previous.count || point.getZeroCount() < previous.zero
        || previous.positive.decreased(point.getPositive())
        || previous.negative.decreased(point.getNegative());
    exponentialRanges(point, reset ? null : previous, out);
    previous.remember(point);
    return Delta.ADDED;
  }

  /** Forgets series not seen for the horizon; returns how many. */
  public int expire(long now) {
    return table.expire(now);
  }

  private Explicit explicitState(int index) {
    if (!(last[index] instanceof Explicit)) {
      last[index] = new Explicit();
    }
    return (Explicit) last[index];
  }

  private Exponential exponentialState(int index) {
    if (!(last[index] instanceof Exponential)) {
      last[index] = new Exponential();
    }
    return (Exponential) last[index];
  }

  private static boolean restarted(long start, long previousStart) {
    return start != 0 && previousStart != 0 && start != previousStart;
  }

  /** The point's buckets as ranges, less {@code previous} counts (null: the whole point). */
  static void explicitRanges(HistogramDataPoint point, long[] previous, BucketList out) {
    int buckets = point.getBucketCountsCount();
    int bounds = point.getExplicitBoundsCount();
    if (bounds == 0) {
      if (buckets == 1) {
        double lower = point.hasMin() ? point.getMin() : 0;
        out.add(lower, point.hasMax() ? point.getMax() : lower, delta(point.getBucketCounts(0), previous, 0));
      }
      return;
    }
    if (buckets != bounds + 1) {
      return;
    }
    double first = point.getExplicitBounds(0);
    double highest = point.getExplicitBounds(bounds - 1);
    for (int i = 0; i < buckets; i++) {
      double lower = i == 0 ? (point.hasMin() ? Math.min(point.getMin(), first) : first > 0 ? 0 : first)
          : point.getExplicitBounds(i - 1);
      double upper = i < bounds ? point.getExplicitBounds(i)
          : point.hasMax() ? Math.max(point.getMax(), highest) : highest;
      out.add(lower, upper, delta(point.getBucketCounts(i), previous, i));
    }
  }

  private static double delta(long count, long[] previous, int i) {
    return previous == null ? count : count - previous[i];
  }

  /** The point's buckets as ranges, less {@code previous} (null: the whole point). */
  static void exponentialRanges(ExponentialHistogramDataPoint point, Exponential previous,
      BucketList out) {
    out.add(0, 0, point.getZeroCount() - (previous == null ? 0 : previous.zero));
    double base = Math.pow(2, Math.scalb(1.0, -point.getScale()));
    addExponential(point.getPositive(), previous == null ? null : previous.positive, base, 1, out);
    addExponential(point.getNegative(), previous == null ? null : previous.negative, base, -1, out);
  }

  private static void addExponential(ExponentialHistogramDataPoint.Buckets buckets,
      ExponentialBuckets previous, double base, int sign, BucketList out) {
    int offset = buckets.getOffset();
    double lower = Math.pow(base, offset);
    for (int j = 0; j < buckets.getBucketCountsCount(); j++) {
      double upper = lower * base;
      long count = buckets.getBucketCounts(j) - (previous == null ? 0 : previous.get(offset + j));
      if (sign > 0) {
        out.add(lower, upper, count);
      } else {
        out.add(-upper, -lower, count);
      }
      lower = upper;
    }
  }

  /** The last cumulative point of an explicit-bucket series. */
  private static final class Explicit {
    long start;
    long count;
    double[] bounds = new double[0];
    long[] counts = new long[0];

    boolean sameLayout(HistogramDataPoint point) {
      if (point.getBucketCountsCount() != counts.length
          || point.getExplicitBoundsCount() != bounds.length) {
        return false;
      }
      for (int i = 0; i < bounds.length; i++) {
        if (point.getExplicitBounds(i) != bounds[i]) {
          return false;
        }
      }
      return true;
    }

    boolean decreased(HistogramDataPoint point) {
      for (int i = 0; i < counts.length; i++) {
        if (point.getBucketCounts(i) < counts[i]) {
          return true;
        }
      }
      return false;
    }

    void remember(HistogramDataPoint point) {
      start = point.getStartTimeUnixNano();
      count = point.getCount();
      if (bounds.length != point.getExplicitBoundsCount()) {
        bounds = new double[point.getExplicitBoundsCount()];
      }
      if (counts.length != point.getBucketCountsCount()) {
        counts = new long[point.getBucketCountsCount()];
      }
      for (int i = 0; i < bounds.length; i++) {
        bounds[i] = point.getExplicitBounds(i);
      }
      for (int i = 0; i < counts.length; i++) {
        counts[i] = point.getBucketCounts(i);
      }
    }
  }

  /** The last cumulative point of an exponential-histogram series. */
  static final class Exponential {
    long start;
    long count;
    long zero;
    int scale;
    final ExponentialBuckets positive = new ExponentialBuckets();
    final ExponentialBuckets negative = new ExponentialBuckets();

    void downscaleTo(int newScale) {
      if (newScale < scale) {
        positive.downscale(scale - newScale);
        negative.downscale(scale - newScale);
        scale = newScale;
      }
    }

    void remember(ExponentialHistogramDataPoint point) {
      start = point.getStartTimeUnixNano();
      count = point.getCount();
      zero = point.getZeroCount();
      scale = point.getScale();
      positive.copy(point.getPositive());
      negative.copy(point.getNegative());
    }
  }

  /** One side's bucket counts of an exponential histogram, from index {@code offset} on. */
  static final class ExponentialBuckets {
    int offset;
    long[] counts = new long[0];
    int length;

    long get(int index) {
      int i = index - offset;
      return i >= 0 && i < length ? counts[i] : 0;
    }

    boolean decreased(ExponentialHistogramDataPoint.Buckets buckets) {
      int from = buckets.getOffset();
      int n = buckets.getBucketCountsCount();
      for (int j = 0; j < n; j++) {
        if (buckets.getBucketCounts(j) < get(from + j)) {
          return true;
        }
      }
      // A bucket the new point no longer has at all went down to zero.
      for (int i = 0; i < length; i++) {
        int index = offset + i;
        if (counts[i] > 0 && (index < from || index >= from + n)) {
          return true;
        }
      }
      return false;
    }

    void copy(ExponentialHistogramDataPoint.Buckets buckets) {
      offset = buckets.getOffset();
      length = buckets.getBucketCountsCount();
      if (counts.length < length) {
        counts = new long[length];
      }
      for (int i = 0; i < length; i++) {
        counts[i] = buckets.getBucketCounts(i);
      }
    }

    /** Merges buckets as a scale {@code by} lower does: index {@code i} becomes {@code i >> by}. */
    void downscale(int by) {
      if (length == 0) {
        offset >>= by;
        return;
      }
      int newOffset = offset >> by;
      int newLast = (offset + length - 1) >> by;
      long[] merged = new long[newLast - newOffset + 1];
      for (int i = 0; i < length; i++) {
        merged[((offset + i) >> by) - newOffset] += counts[i];
      }
      counts = merged;
      offset = newOffset;
      length = merged.length;
    }
  }
}
