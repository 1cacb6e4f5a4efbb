package io.homeostat.homeostasis.processor;

import java.time.Duration;

/**
 * Lets the homeostasis stage be ticked once per interval, although the processor of every pipeline
 * gets each tick of the ring (which ticks as often as its most demanding processor asks). Shared by
 * those processors, which all run on the one pipeline thread, so it needs no lock.
 *
 * <p>Ticks are due on a fixed rate from the first; one up to a tenth of the interval early counts
 * as on time, so that scheduling jitter never skips a whole interval. After a stall of more than an
 * interval the rate starts again from the late tick rather than catching up in a burst.
 */
final class TickGate {

  /** The key of the gate in {@code ComponentSettings.shared()}. */
  static final String KEY = "homeostasis.tick";

  private boolean started;
  private long nextDue;

  /** True when the stage is due at {@code nanoTime}; the caller then ticks it. */
  boolean due(long nanoTime, Duration interval) {
    long period = interval.toNanos();
    if (!started) {
      started = true;
      nextDue = nanoTime + period;
      return true;
    }
    long early = nextDue - nanoTime;
    if (early > period / 10) {
      return false;
    }
    nextDue = early < -period ? nanoTime + period : nextDue + period;
    return true;
  }
}
