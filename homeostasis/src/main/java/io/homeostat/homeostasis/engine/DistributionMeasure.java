package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.BucketList;
import io.homeostat.homeostasis.window.TimeWindow;
import io.homeostat.homeostasis.window.Totals;

/**
 * A distribution (span durations, histograms): each observation is good when
 * {@code value <op> target}, counted exactly as it arrives; the alert condition is
 * {@code good / total < alert_threshold}. {@code actual} is the quantile at the threshold: the
 * {@code alert_threshold} quantile for {@code lt}/{@code lte} (p95 for 0.95), the
 * {@code 1 - alert_threshold} quantile for {@code gt}/{@code gte}, so that {@code actual <op>
 * target} exactly when enough observations are good (to the sketch's error).
 *
 * <p>A histogram target without {@code alert_threshold} is read as a single value, its median.
 */
final class DistributionMeasure extends WindowedMeasure
    implements Measure.Values, Measure.Histograms {


  DistributionMeasure(TargetSpec spec, TimeWindow window) {
    super(spec, window);
  }

  @Override
  public int observe(long t, long now, double value) {
    int slot = window.slot(t, now);
    if (slot >= 0) {
      window.count(slot, spec.operator().holds(value, spec.target()) ? 1 : 0, 1);
      window.value(slot, value, 1);
    }
    return slot;
  }

  @Override
  public int histogram(long t, long now, BucketList buckets) {
    int slot = window.slot(t, now);
    if (slot >= 0) {
      window.count(slot, buckets.good(spec.operator(), spec.target()), buckets.total());
      buckets.spread(window, slot);
    }
    return slot;
  }

  @Override
  public Reading read(long now) {
    Totals totals = window.totals(now);
    long samples = Math.round(totals.total());
    double compliance = totals.goodRatio();
    Double threshold = spec.alertThreshold();
    if (threshold == null) {
      return Reading.single(spec, window.quantile(0.5, now), compliance, samples);
    }
    boolean higherIsBetter = spec.operator() == Operator.GT || spec.operator() == Operator.GTE;
    double actual = window.quantile(higherIsBetter ? 1 - threshold : threshold, now);
    boolean condition = compliance < threshold;
    return new Reading(actual, compliance, samples, samples >= spec.minSamples(), condition,
        condition, spec.window(), null, null);
  }
}
