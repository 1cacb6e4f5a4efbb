package io.homeostat.exporter.spanmetrics;

/**
 * The duration histogram of one series, as the pipeline thread records into it. Not thread-safe
 * by itself: {@link Series} lets only the pipeline thread write and has readers copy it under a
 * version check, so {@link #read} may see a half-written state, must not fail on one, and may
 * return anything for it (the copy is thrown away).
 */
abstract sealed class DurationHistogram permits ExplicitHistogram, ExponentialHistogram {

  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** Records one duration, zero or more, in the histogram's unit. */
  final void record(double value) {
    sum += value;
    if (value < min) {
      min = value;
    }
    if (value > max) {
      max = value;
    }
    count(value);
  }

  abstract void count(double value);

  /** A copy of the histogram; {@code count} is the number of durations recorded. */
  abstract HistogramPoint read(long count);

  final double sum() {
    return sum;
  }

  final double min() {
    return min;
  }

  final double max() {
    return max;
  }
}
