package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.TimeWindow;
import io.homeostat.homeostasis.window.Totals;

/**
 * Good events over all events, read as a single value: a ratio ({@code good / total}) or an error
 * rate ({@code 1 - good / total}). Samples are the events counted.
 */
final class RatioMeasure extends WindowedMeasure implements Measure.Events {

  private final boolean ofBad;

  /** @param ofBad read the share of bad events (an error rate) rather than of good ones */
  RatioMeasure(TargetSpec spec, TimeWindow window, boolean ofBad) {
    super(spec, window);
    this.ofBad = ofBad;
  }

  @Override
  public int events(long t, long now, double good, double total) {
    int slot = window.slot(t, now);
    if (slot >= 0) {
      window.count(slot, good, total);
    }
    return slot;
  }

  @Override
  public Reading read(long now) {
    Totals totals = window.totals(now);
    double ratio = totals.goodRatio();
    return Reading.single(spec, ofBad ? 1 - ratio : ratio, Double.NaN, Math.round(totals.total()));
  }
}
