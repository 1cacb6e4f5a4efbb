package io.homeostat.exporter.spanmetrics;

import java.util.Arrays;

/** Durations counted in buckets with fixed upper bounds, as OTLP's explicit-bounds histogram. */
final class ExplicitHistogram extends DurationHistogram {

  private final double[] bounds;
  private final long[] counts;

  /** {@code bounds} is shared by every series and never changed. */
  ExplicitHistogram(double[] bounds) {
    this.bounds = bounds;
    this.counts = new long[bounds.length + 1];
  }

  @Override
  void count(double value) {
    // A bound belongs to the bucket it closes: (bounds[i-1], bounds[i]].
    int at = Arrays.binarySearch(bounds, value);
    counts[at >= 0 ? at : -at - 1]++;
  }

  @Override
  HistogramPoint read(long count) {
    return new ExplicitPoint(bounds, counts.clone(), count, sum(), min(), max());
  }
}
