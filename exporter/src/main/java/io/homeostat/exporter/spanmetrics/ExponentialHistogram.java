package io.homeostat.exporter.spanmetrics;

/**
 * Durations counted in base-2 exponential buckets (OTLP's exponential histogram), at the finest
 * scale that fits every duration seen into {@code maxSize} buckets: it starts at scale 20 and
 * halves its resolution (scale − 1 merges pairs of buckets) whenever a duration falls outside
 * the range the buckets can span, as the OpenTelemetry SDKs' base-2 exponential aggregation does.
 *
 * <p>The buckets are a ring of {@code maxSize} counters: bucket {@code i} lives at
 * {@code (i - base) mod maxSize}, so a range that grows downwards needs no copying.
 */
final class ExponentialHistogram extends DurationHistogram {

  /** The finest scale, as in the SDKs: buckets about 0.00007 % wide. */
  static final int MAX_SCALE = 20;

  private final int maxSize;
  private long[] counts;
  private int scale = MAX_SCALE;
  private long zeroCount;
  private boolean empty = true;
  private int start;
  private int end;
  private int base;

  ExponentialHistogram(int maxSize) {
    this.maxSize = maxSize;
    this.counts = new long[maxSize];
  }

  @Override
  void count(double value) {
    if (value == 0) {
      zeroCount++;
      return;
    }
    int index = Base2.index(value, scale);
    if (!empty && (long) Math.max(end, index) - Math.min(start, index) >= maxSize) {
      downscale(index);
      index = Base2.index(value, scale);
    }
    if (empty) {
      base = start = end = index;
      empty = false;
    } else if (index < start) {
      start = index;
    } else if (index > end) {
      end = index;
    }
    counts[Math.floorMod(index - base, maxSize)]++;
  }

  /** Lowers the scale just enough for the buckets to span {@code index} too. */
  private void downscale(int index) {
    long low = Math.min(start, index);
    long high = Math.max(end, index);
    int shift = 0;
    while (high - low >= maxSize) {
      low >>= 1;
      high >>= 1;
      shift++;
    }
    long[] merged = new long[maxSize];
    int first = start >> shift;
    for (int i = start; i <= end; i++) {
      merged[((i >> shift) - first)] += counts[Math.floorMod(i - base, maxSize)];
    }
    counts = merged;
    base = first;
    start = first;
    end = end >> shift;
    scale -= shift;
  }

  @Override
  HistogramPoint read(long count) {
    long[] ring = counts;
    int first = start;
    int from = base;
    long length = empty ? 0 : (long) end - first + 1;
    if (length < 0 || length > ring.length) {
      // Torn by a concurrent downscale; the caller's version check throws this copy away.
      length = 0;
    }
    long[] buckets = new long[(int) length];
    for (int j = 0; j < buckets.length; j++) {
      buckets[j] = ring[Math.floorMod(first + j - from, ring.length)];
    }
    return new ExponentialPoint(scale, zeroCount, first, buckets, count, sum(), min(), max());
  }
}
