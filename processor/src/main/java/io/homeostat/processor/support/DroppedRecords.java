package io.homeostat.processor.support;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;

/**
 * {@code homeostat_processor_dropped_{spans,metric_points,log_records}_total{processor}}: what a
 * processor dropped on purpose (filtered, sampled out, untagged with {@code on_missing: drop}).
 */
public final class DroppedRecords {

  private DroppedRecords() {}

  /** The counter of {@code signal}'s items dropped by the processor of {@code settings}. */
  public static Counter counter(ComponentSettings settings, Signal signal) {
    return settings.metrics().counter("homeostat_processor_dropped_" + signal.itemName() + "_total",
        "Records a processor dropped on purpose (filtered, sampled out, or by policy).",
        "processor", settings.id().toString());
  }
}
