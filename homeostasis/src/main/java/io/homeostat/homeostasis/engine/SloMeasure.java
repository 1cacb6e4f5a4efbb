package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.target.Slo;
import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.BucketList;
import io.homeostat.homeostasis.window.TimeWindow;
import io.homeostat.homeostasis.window.Totals;
import java.time.Duration;
import java.util.List;

/**
 * SLO mode: good and bad events over the SLO's period, and alerts on how fast the error budget
 * burns, as the Google SRE workbook's multi-window, multi-burn-rate alerts do. The burn rate over a
 * window is its share of bad events divided by the budget ({@code 1 - objective / 100}): 1 spends
 * exactly the budget over the period. An alert holds when both of its windows burn at least at its
 * rate, the short window making it stop soon after the burning does.
 *
 * <p>Two rings of good/total counts keep the history: 30-second buckets over the last 6 hours (the
 * short windows and the 1h and 6h long ones), and 720 buckets over the period or 3 days, whichever
 * is longer (the 3d window, the budget). About 35 KB per target, whatever the traffic.
 *
 * <p>The reading's {@code actual} is the share of good events, in percent, over the long window of
 * the alert that holds (the 1h window when none does), to compare with the objective.
 */
final class SloMeasure implements Measure.Values, Measure.Histograms, Measure.Events {

  /** One burn-rate alert: both windows burn at least {@code rate}. */
  record BurnAlert(Duration longWindow, Duration shortWindow, double rate, String severity) {}

  /** Page on a fast or a steady burn; open a ticket on a slow one. */
  static final List<BurnAlert> ALERTS = List.of(
      new BurnAlert(Duration.ofHours(1), Duration.ofMinutes(5), 14.4, "critical"),
      new BurnAlert(Duration.ofHours(6), Duration.ofMinutes(30), 6, "critical"),
      new BurnAlert(Duration.ofDays(3), Duration.ofHours(6), 1, "warning"));
  /** What the fine ring covers: every window but the 3-day one. */
  static final Duration FINE_SPAN = Duration.ofHours(6);
  /** Buckets per ring: 30 s buckets in the fine ring, an hour in the coarse one for a 30d period. */
  static final int BUCKETS = 720;
  private static final Duration ONE_HOUR = Duration.ofHours(1);

  private final TargetSpec spec;
  private final Slo slo;
  private final TimeWindow fine;
  private final TimeWindow coarse;

  SloMeasure(TargetSpec spec) {
    this.spec = spec;
    this.slo = spec.slo();
    Duration longest = slo.period().compareTo(Duration.ofDays(3)) > 0 ? slo.period() : Duration.ofDays(3);
    this.fine = new TimeWindow(FINE_SPAN, BUCKETS, spec.lateness(), false);
    this.coarse = new TimeWindow(longest, BUCKETS, spec.lateness(), false);
  }

  @Override
  public int observe(long t, long now, double value) {
    return events(t, now, spec.operator().holds(value, spec.target()) ? 1 : 0, 1);
  }

  @Override
  public int histogram(long t, long now, BucketList buckets) {
    return events(t, now, buckets.good(spec.operator(), spec.target()), buckets.total());
  }

  @Override
  public int events(long t, long now, double good, double total) {
    int slot = coarse.slot(t, now);
    if (slot < 0) {
      return slot;
    }
    coarse.count(slot, good, total);
    int fineSlot = fine.slot(t, now);
    if (fineSlot >= 0) {
      fine.count(fineSlot, good, total);
    }
    return slot;
  }

  @Override
  public List<TimeWindow> windows() {
    return List.of(fine, coarse);
  }

  @Override
  public Reading read(long now) {
    BurnAlert holding = null;
    boolean verdict = false;
    for (BurnAlert alert : ALERTS) {
      Totals longWindow = totals(now, alert.longWindow());
      Totals shortWindow = totals(now, alert.shortWindow());
      if (longWindow.total() < spec.minSamples() || shortWindow.total() < spec.minSamples()) {
        continue;
      }
      verdict = true;
      if (holding == null && burn(longWindow) >= alert.rate() && burn(shortWindow) >= alert.rate()) {
        holding = alert;
      }
    }
    Duration shownWindow = holding != null ? holding.longWindow() : ONE_HOUR;
    Totals shown = totals(now, shownWindow);
    boolean burning = shown.total() >= spec.minSamples() && burn(shown) >= 1;
    Totals period = coarse.totals(now, slo.period());
    double remaining = period.total() > 0 ? 1 - burn(period) : 1;
    return new Reading(shown.goodRatio() * 100, period.goodRatio(), Math.round(shown.total()),
        verdict, holding != null || burning, holding != null, shownWindow,
        holding != null ? holding.severity() : null, remaining);
  }

  private double burn(Totals totals) {
    return (1 - totals.goodRatio()) / slo.errorBudget();
  }

  private Totals totals(long now, Duration span) {
    return span.compareTo(FINE_SPAN) <= 0 ? fine.totals(now, span) : coarse.totals(now, span);
  }
}
