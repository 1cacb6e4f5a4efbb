package io.homeostat.processor.batch;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The {@code batch} processor: fewer, larger requests for the exporters, as the Collector's batch
 * processor makes them. Put it last in a pipeline, after the processors that drop data.
 */
public final class BatchProcessorFactory implements ProcessorFactory<BatchConfig> {

  @Override
  public String type() {
    return "batch";
  }

  @Override
  public BatchConfig createDefaultConfig() {
    return BatchConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, BatchConfig config) {
    return create(settings, signal, config, System::nanoTime);
  }

  /** As {@link #create(ComponentSettings, Signal, BatchConfig)}, on the clock of a test. */
  static Processor create(ComponentSettings settings, Signal signal, BatchConfig config,
      LongSupplier clock) {
    BatchProcessor.Trigger[] triggers = BatchProcessor.Trigger.values();
    Counter[] batches = new Counter[triggers.length];
    for (BatchProcessor.Trigger trigger : triggers) {
      batches[trigger.ordinal()] = settings.metrics().counter(
          "homeostat_processor_batch_batches_total",
          "Batches the batch processor handed on, by what sent them.",
          "processor", settings.id().toString(), "signal", signal.configName(),
          "trigger", trigger.name().toLowerCase(Locale.ROOT));
    }
    return new BatchProcessor(config, batches, clock);
  }
}
