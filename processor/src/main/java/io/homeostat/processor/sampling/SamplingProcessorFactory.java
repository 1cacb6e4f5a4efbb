package io.homeostat.processor.sampling;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.processor.support.DroppedRecords;
import io.homeostat.processor.support.Redelivery;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * The {@code sampling} processor: consistent probabilistic sampling by trace id, keeping error
 * traces, in head mode (each record on arrival) or tail mode (each whole trace after a wait), for
 * traces and for logs by their trace id. Default configs run it after {@code homeostasis}, so that
 * targets are measured on all traffic and only the sample is exported.
 */
public final class SamplingProcessorFactory implements ProcessorFactory<SamplingConfig> {

  /** Requests kept for another try when the exporters refuse what tail mode hands on. */
  private static final int MAX_REDELIVERIES = 256;

  @Override
  public String type() {
    return "sampling";
  }

  @Override
  public SamplingConfig createDefaultConfig() {
    return SamplingConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.TRACES, Signal.LOGS);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, SamplingConfig config) {
    return create(settings, signal, config, System::nanoTime);
  }

  /** As {@link #create(ComponentSettings, Signal, SamplingConfig)}, on the clock of a test. */
  static Processor create(ComponentSettings settings, Signal signal, SamplingConfig config,
      LongSupplier clock) {
    SharedTraces shared = SharedTraces.of(settings, config);
    SamplingCounters counters = new SamplingCounters(settings, signal);
    if (config.mode() == SamplingConfig.Mode.HEAD) {
      return new HeadSampler(new ConsistentRatio(config.ratio()), shared.errors, counters, clock);
    }
    String id = settings.id().toString();
    Redelivery redelivery = new Redelivery(id, MAX_REDELIVERIES,
        DroppedRecords.counter(settings, signal),
        new RateLimitedLog(LoggerFactory.getLogger(SamplingProcessorFactory.class), Duration.ofSeconds(10)));
    if (signal == Signal.LOGS) {
      TailLogSampler sampler = new TailLogSampler(config, shared, counters, redelivery, clock);
      settings.metrics().gauge("homeostat_processor_sampling_held_log_records",
          "Log records the sampling processor holds until their trace is decided.",
          sampler::heldRecords, "processor", id);
      return sampler;
    }
    TailSampler sampler = new TailSampler(config, shared, counters,
        settings.metrics().counter("homeostat_processor_sampling_early_decisions_total",
            "Traces decided before their decision_wait because num_traces or max_spans was reached.",
            "processor", id),
        redelivery, clock);
    settings.metrics().gauge("homeostat_processor_sampling_held_spans",
        "Spans the sampling processor holds until their trace is decided.", sampler::heldSpans,
        "processor", id);
    settings.metrics().gauge("homeostat_processor_sampling_held_traces",
        "Traces the sampling processor holds until they are decided.", sampler::heldTraces,
        "processor", id);
    return sampler;
  }
}
