package io.homeostat.exporter.spanmetrics;

/**
 * One series as read at a flush.
 *
 * @param calls spans counted
 * @param durations their duration histogram; null when the histogram is disabled
 * @param lastSeenMillis when a span last counted, by the connector's clock
 */
record SeriesPoint(long calls, HistogramPoint durations, long lastSeenMillis) {

  /** What was counted since {@code earlier}; null {@code earlier} means since the start. */
  SeriesPoint minus(SeriesPoint earlier) {
    if (earlier == null) {
      return this;
    }
    return new SeriesPoint(calls - earlier.calls,
        durations == null ? null : durations.minus(earlier.durations), lastSeenMillis);
  }
}
