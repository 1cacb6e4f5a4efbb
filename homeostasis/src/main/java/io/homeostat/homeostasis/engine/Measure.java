package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.window.BucketList;
import io.homeostat.homeostasis.window.TimeWindow;
import java.util.List;

/**
 * What a target keeps of the records it counts, and reads at each evaluation. The sinks below are
 * what sources feed; each returns the slot the record went to, or
 * {@link io.homeostat.homeostasis.window.TimeWindow#LATE} / {@code EARLY}. Times are nanoseconds
 * since the epoch: {@code t} the record's own, {@code now} the engine clock's.
 */
interface Measure {

  /** The reading at {@code now}. */
  Reading read(long now);

  /** The windows it keeps, always in the same order: what a restart saves and restores. */
  List<TimeWindow> windows();

  /**
   * Told, when its windows are restored, that they hold records since {@code start} (nanoseconds
   * since the epoch), before this measure was made.
   */
  default void restoredSince(long start) {}

  /** Observed values: span durations, gauge points. */
  interface Values extends Measure {
    int observe(long t, long now, double value);
  }

  /** What a histogram point added. */
  interface Histograms extends Measure {
    int histogram(long t, long now, BucketList buckets);
  }

  /** Good events out of all events: error rates, ratios. */
  interface Events extends Measure {
    int events(long t, long now, double good, double total);
  }

  /** Increases of something counted: counter increases, log records. */
  interface Increases extends Measure {
    int increase(long t, long now, double delta);
  }
}
