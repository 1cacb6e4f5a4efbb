package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.TimeWindow;
import io.homeostat.homeostasis.window.Totals;

/** A gauge (or an up-down sum): the mean of the window's observations, read as a single value. */
final class MeanMeasure extends WindowedMeasure implements Measure.Values {


  MeanMeasure(TargetSpec spec, TimeWindow window) {
    super(spec, window);
  }

  @Override
  public int observe(long t, long now, double value) {
    int slot = window.slot(t, now);
    if (slot >= 0) {
      window.value(slot, value, 1);
    }
    return slot;
  }

  @Override
  public Reading read(long now) {
    Totals totals = window.totals(now);
    double mean = totals.count() > 0 ? totals.sum() / totals.count() : Double.NaN;
    return Reading.single(spec, mean, Double.NaN, Math.round(totals.count()));
  }
}
