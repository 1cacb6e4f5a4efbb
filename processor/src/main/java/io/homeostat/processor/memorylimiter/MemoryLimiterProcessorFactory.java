package io.homeostat.processor.memorylimiter;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code memory_limiter} processor: refuses new data with a retryable error while used heap is
 * above a limit, before the JVM runs out of memory. Put it first in every pipeline, so that refused
 * data costs nothing further.
 */
public final class MemoryLimiterProcessorFactory implements ProcessorFactory<MemoryLimiterConfig> {

  private static final Logger log = LoggerFactory.getLogger(MemoryLimiterProcessorFactory.class);

  @Override
  public String type() {
    return "memory_limiter";
  }

  @Override
  public MemoryLimiterConfig createDefaultConfig() {
    return MemoryLimiterConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, MemoryLimiterConfig config) {
    HeapWatch watch = settings.shared().get("memory_limiter/" + settings.id(), HeapWatch.class,
        () -> heapWatch(settings, config));
    return create(settings, signal, config, watch);
  }

  /** As {@link #create(ComponentSettings, Signal, MemoryLimiterConfig)}, with a given watch. */
  static Processor create(ComponentSettings settings, Signal signal, MemoryLimiterConfig config,
      HeapWatch watch) {
    String id = settings.id().toString();
    Outcome.Refused refusal = new Outcome.Refused(config.checkInterval(), "processor " + id
        + " refuses data while the server's used heap is above its limit ("
        + watch.limits().describe() + "); retry later");
    settings.metrics().gauge("homeostat_processor_memory_limiter_state",
        "Where used heap stands: 0 below the soft limit, 1 above it (refusing), 2 above the hard"
            + " limit (refusing).", () -> watch.state().ordinal(), "processor", id);
    return new MemoryLimiterProcessor(watch, refusal, settings.metrics().counter(
        "homeostat_processor_memory_limiter_refused_" + signal.itemName() + "_total",
        "Records the memory limiter refused (the client was asked to retry).", "processor", id));
  }

  private static HeapWatch heapWatch(ComponentSettings settings, MemoryLimiterConfig config) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long maxHeap = memory.getHeapMemoryUsage().getMax();
    if (maxHeap <= 0 && config.limitPercentage() > 0) {
      throw new IllegalStateException("processor " + settings.id() + ": limit_percentage needs a"
          + " maximum heap, and this JVM reports none; start it with -Xmx or set limit_mib");
    }
    HeapLimits limits = config.limits(maxHeap);
    if (maxHeap > 0 && limits.hard() > maxHeap) {
      log.atWarn().addKeyValue("processor", settings.id().toString())
          .addKeyValue("limit_mib", limits.hard() >> 20).addKeyValue("max_heap_mib", maxHeap >> 20)
          .log("the memory limiter's limit is above the maximum heap, so the JVM fails with"
              + " OutOfMemoryError before it refuses anything; lower limit_mib or raise -Xmx");
    }
    return new HeapWatch(settings.id().toString(), limits, config.checkInterval(),
        config.gcIntervals(), () -> memory.getHeapMemoryUsage().getUsed(), System::gc,
        System::nanoTime);
  }
}
