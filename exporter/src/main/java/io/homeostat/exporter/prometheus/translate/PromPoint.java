package io.homeostat.exporter.prometheus.translate;

import java.util.List;

/**
 * One OTLP data point translated: its Prometheus family, labels and values. The exporters turn it
 * into client-library snapshots (scrape) or remote-write samples.
 */
public sealed interface PromPoint {

  Family family();

  LabelSet labels();

  /** When the point was recorded, in milliseconds since the epoch; 0 when unknown. */
  long timestampMillis();

  /**
   * True for an OTLP point flagged "no recorded value": the series ended, and remote write sends
   * Prometheus's stale marker in place of its values.
   */
  boolean stale();

  /** A gauge, counter or {@code target_info} value. */
  record Number(Family family, LabelSet labels, double value, long timestampMillis,
      boolean stale, List<PromExemplar> exemplars) implements PromPoint {}

  /**
   * A histogram with classic buckets.
   *
   * @param upperBounds increasing, the last one {@code +Inf}
   * @param counts the observations in each bucket alone (not cumulative), one per bound
   * @param sum NaN when the OTLP point has none
   */
  record Histogram(Family family, LabelSet labels, double[] upperBounds, long[] counts,
      double sum, long timestampMillis, boolean stale, List<PromExemplar> exemplars)
      implements PromPoint {

    /** The number of observations: all buckets together. */
    public long count() {
      long count = 0;
      for (long c : counts) {
        count += c;
      }
      return count;
    }
  }

  /** A summary: the value at each quantile, the count and the sum of the observations. */
  record Summary(Family family, LabelSet labels, double[] quantiles, double[] values, long count,
      double sum, long timestampMillis, boolean stale) implements PromPoint {}
}
