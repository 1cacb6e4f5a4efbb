package io.homeostat.homeostasis.window;

import java.time.Duration;

/**
 * Turns the points of cumulative counters into increases, series by series (a series is one
 * attribute set of one metric). A value below the series' last one, or a new start time, is a
 * reset: the counter restarted from zero, so all of its value is the increase. The first point of
 * a series is a baseline (increase 0) unless the series started while the target watched.
 */
public final class CounterSeries {

  private final SeriesTable table;
  private final double[] last;
  private final long[] start;

  /**
   * @param capacity series tracked at once
   * @param horizon how long an unseen series is remembered
   * @param watchStart when the target started watching, nanoseconds since the epoch
   */
  public CounterSeries(int capacity, Duration horizon, long watchStart) {
    table = new SeriesTable(capacity, horizon, watchStart);
    last = new double[capacity];
    start = new long[capacity];
  }

  /**
   * What the point {@code value} of series {@code key} adds since the series' last point; NaN when
   * the series is new and {@code capacity} series are tracked already.
   *
   * @param startNanos the point's start time ({@code start_time_unix_nano}; 0 when unknown)
   */
  public double increase(long key, long startNanos, double value, long now) {
    int index = table.indexOf(key, now);
    if (index < 0) {
      return Double.NaN;
    }
    double previous = last[index];
    long previousStart = start[index];
    last[index] = value;
    start[index] = startNanos;
    if (table.created()) {
      return table.startedWhileWatched(startNanos, now) ? value : 0;
    }
    boolean restarted = startNanos != 0 && previousStart != 0 && startNanos != previousStart;
    return restarted || value < previous ? value : value - previous;
  }

  /** Forgets series not seen for the horizon; returns how many. */
  public int expire(long now) {
    return table.expire(now);
  }
}
