package io.homeostat.exporter.spanmetrics;

/**
 * An explicit-bounds histogram point: {@code counts[i]} durations fell in
 * {@code (bounds[i-1], bounds[i]]}, the last count above the last bound.
 */
record ExplicitPoint(double[] bounds, long[] counts, long count, double sum, double min,
    double max) implements HistogramPoint {

  @Override
  public HistogramPoint minus(HistogramPoint earlier) {
    ExplicitPoint before = (ExplicitPoint) earlier;
    long[] delta = new long[counts.length];
    for (int i = 0; i < delta.length; i++) {
      delta[i] = counts[i] - before.counts[i];
    }
    return new ExplicitPoint(bounds, delta, count - before.count, sum - before.sum, Double.NaN,
        Double.NaN);
  }
}
