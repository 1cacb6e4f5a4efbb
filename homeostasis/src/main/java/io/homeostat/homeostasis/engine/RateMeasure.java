package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.TimeWindow;
import io.homeostat.homeostasis.window.Totals;
import java.time.Duration;

/**
 * Something counted per unit of time: a counter's increase per second, log records per minute,
 * read as a single value. The rate is over the time the window covers: the whole window once the
 * target has watched that long, before that the time since it started (at least one bucket), so
 * that a fresh start does not read as a drop. Samples are the points or records seen.
 */
final class RateMeasure extends WindowedMeasure implements Measure.Increases {

  private final long unitNanos;
  /** Since when the window holds records: when the target started, or earlier when restored. */
  private long watchStart;

  /**
   * @param unit the rate's unit: a second for counters, a minute for log records
   * @param watchStart when the target started watching, nanoseconds since the epoch
   */
  RateMeasure(TargetSpec spec, TimeWindow window, Duration unit, long watchStart) {
    super(spec, window);
    this.unitNanos = unit.toNanos();
    this.watchStart = watchStart;
  }

  @Override
  public int increase(long t, long now, double delta) {
    int slot = window.slot(t, now);
    if (slot >= 0) {
      window.value(slot, delta, 1);
    }
    return slot;
  }

  @Override
  public void restoredSince(long start) {
    watchStart = Math.min(watchStart, start);
  }

  @Override
  public Reading read(long now) {
    Totals totals = window.totals(now);
    long covered = Math.min(spec.window().toNanos(), Math.max(window.bucketNanos(), now - watchStart));
    double rate = totals.sum() / ((double) covered / unitNanos);
    return Reading.single(spec, rate, Double.NaN, Math.round(totals.count()));
  }
}
