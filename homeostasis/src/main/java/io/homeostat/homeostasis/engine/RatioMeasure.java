package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.TimeWindow;
import io.homeostat.homeostasis.window.Totals;
import java.util.List;

/**
 * Good events over all events, read as a single value: a ratio ({@code good / total}) or an error
 * rate ({@code 1 - good / total}). Samples are the events counted.
 */
final class RatioMeasure implements Measure.Events {

  private final TargetSpec spec;
  private final TimeWindow window;
  private final boolean ofBad;

  /** @param ofBad read the share of bad events (an error rate) rather than of good ones */
  RatioMeasure(TargetSpec spec, TimeWindow window, boolean ofBad) {
    this.spec = spec;
    this.window = window;
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
  public List<TimeWindow> windows() {
    return List.of(window);
  }

  @Override
  public Reading read(long now) {
    Totals totals = window.totals(now);
    double ratio = totals.goodRatio();
    return Reading.single(spec, ofBad ? 1 - ratio : ratio, Double.NaN, Math.round(totals.total()));
  }
}
