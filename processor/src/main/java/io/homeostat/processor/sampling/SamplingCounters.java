package io.homeostat.processor.sampling;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.processor.support.DroppedRecords;

/**
 * The sampler's counts for one pipeline: records kept, by policy
 * ({@code homeostat_processor_sampling_kept_<items>_total{processor,policy}}), and records sampled
 * out ({@code homeostat_processor_dropped_<items>_total{processor}}). The pipeline thread tallies
 * a request in plain fields and adds them up once per request.
 */
final class SamplingCounters {

  private static final Policy[] POLICIES = Policy.values();

  private final Counter[] kept = new Counter[POLICIES.length];
  private final Counter dropped;
  private final long[] keptTally = new long[POLICIES.length];
  private long droppedTally;

  SamplingCounters(ComponentSettings settings, Signal signal) {
    for (Policy policy : POLICIES) {
      kept[policy.ordinal()] = settings.metrics().counter(
          "homeostat_processor_sampling_kept_" + signal.itemName() + "_total",
          "Records the sampling processor kept, by the policy that kept them.",
          "processor", settings.id().toString(), "policy", policy.label());
    }
    dropped = DroppedRecords.counter(settings, signal);
  }

  void kept(Policy policy) {
    keptTally[policy.ordinal()]++;
  }

  void kept(Policy policy, long count) {
    keptTally[policy.ordinal()] += count;
  }

  void dropped() {
    droppedTally++;
  }

  void dropped(long count) {
    droppedTally += count;
  }

  /** Adds what was tallied since the last publish to the counters. */
  void publish() {
    for (int i = 0; i < keptTally.length; i++) {
      if (keptTally[i] != 0) {
        kept[i].add(keptTally[i]);
        keptTally[i] = 0;
      }
    }
    if (droppedTally != 0) {
      dropped.add(droppedTally);
      droppedTally = 0;
    }
  }
}
