package io.homeostat.exporter.spanmetrics;

/**
 * A base-2 exponential histogram point: at {@code scale}, bucket {@code i} holds the durations in
 * {@code (2^(i·2^-scale), 2^((i+1)·2^-scale)]}; {@code counts[j]} is bucket {@code offset + j}.
 */
record ExponentialPoint(int scale, long zeroCount, int offset, long[] counts, long count,
    double sum, double min, double max) implements HistogramPoint {

  @Override
  public HistogramPoint minus(HistogramPoint earlier) {
    // A histogram only lowers its scale, and merging buckets by a shift is what lowering it does,
    // so the earlier point seen at this scale lies inside this one, bucket by bucket.
    ExponentialPoint before = ((ExponentialPoint) earlier).atScale(scale);
    long[] delta = new long[counts.length];
    for (int j = 0; j < delta.length; j++) {
      delta[j] = counts[j] - before.countAt(offset + j);
    }
    return new ExponentialPoint(scale, zeroCount - before.zeroCount, offset, delta,
        count - before.count, sum - before.sum, Double.NaN, Double.NaN);
  }

  /** This point with its buckets merged down to {@code lower}, a scale no higher than its own. */
  ExponentialPoint atScale(int lower) {
    int shift = scale - lower;
    if (shift == 0 || counts.length == 0) {
      return shift == 0 ? this : new ExponentialPoint(lower, zeroCount, offset, counts, count, sum,
          min, max);
    }
    int first = offset >> shift;
    long[] merged = new long[((offset + counts.length - 1) >> shift) - first + 1];
    for (int j = 0; j < counts.length; j++) {
      merged[((offset + j) >> shift) - first] += counts[j];
    }
    return new ExponentialPoint(lower, zeroCount, first, merged, count, sum, min, max);
  }

  long countAt(int index) {
    int j = index - offset;
    return j >= 0 && j < counts.length ? counts[j] : 0;
  }
}
