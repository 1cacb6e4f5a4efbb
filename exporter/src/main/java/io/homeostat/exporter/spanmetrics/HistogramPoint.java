package io.homeostat.exporter.spanmetrics;

/**
 * One series' duration histogram as it stood at a flush, read consistently: its bucket counts add
 * up to {@code count}, which the Prometheus exporters check.
 */
sealed interface HistogramPoint permits ExplicitPoint, ExponentialPoint {

  long count();

  double sum();

  /** The smallest duration recorded, NaN when unknown (delta points). */
  double min();

  /** The largest duration recorded, NaN when unknown (delta points). */
  double max();

  /**
   * What was recorded since {@code earlier}, a point of the same series; its min and max are
   * unknown, since a cumulative minimum says nothing about one interval.
   */
  HistogramPoint minus(HistogramPoint earlier);
}
