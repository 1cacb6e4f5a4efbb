package io.homeostat.processor.requirements;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.component.Lifecycle;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.CatalogStore;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.processor.support.DroppedRecords;
import io.homeostat.processor.support.Redelivery;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The {@code requirements} processor: every span, data point and log record leaves with the
 * requirement keys it serves (DESIGN.md, "Requirement keys"), normalised, inferred where missing,
 * and enriched from the catalog. Reference: {@code docs/processors/requirements.md}.
 */
public final class RequirementsProcessorFactory implements ProcessorFactory<RequirementsConfig> {

  /** Requests a processor keeps for another try while the exporters refuse what it held. */
  private static final int MAX_REDELIVERIES = 1024;

  @Override
  public String type() {
    return "requirements";
  }

  @Override
  public RequirementsConfig createDefaultConfig() {
    return RequirementsConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.homeostat.core.config.ConfigException when the catalog is missing or invalid
   */
  @Override
  public Processor create(ComponentSettings settings, Signal signal, RequirementsConfig config) {
    if (config.catalog() == null) {
      return create(settings, signal, config, () -> Catalog.EMPTY, new Lifecycle() { },
          System::nanoTime);
    }
    CatalogStore store = CatalogStore.open(settings, config.catalog(), config.reloadInterval());
    return create(settings, signal, config, store::current, new Lifecycle() {
      @Override
      public void start() {
        store.start();
      }

      @Override
      public void shutdown(Deadline deadline) {
        store.stop();
      }
    }, System::nanoTime);
  }

  /**
   * With the catalog, what watches it, and the clock given, for tests.
   *
   * @param catalogs the catalog in use now, asked for at each request
   * @param watch started and stopped with the processor
   */
  static Processor create(ComponentSettings settings, Signal signal, RequirementsConfig config,
      Supplier<Catalog> catalogs, Lifecycle watch, LongSupplier clock) {
    var dropped = DroppedRecords.counter(settings, signal);
    Tagger tagger = new Tagger(settings.id().toString(), signal, config, catalogs, watch, dropped);
    Coverage coverage = Coverage.shared(settings);
    if (signal == Signal.METRICS) {
      return new MetricProcessor(tagger, coverage);
    }
    RequirementsConfig.TraceInheritance inheritance = config.traceInheritance();
    TraceKeys traceKeys = inheritance.enabled() ? TraceKeys.shared(settings,
        inheritance.maxCachedSpans(), inheritance.cacheTtl().toNanos()) : null;
    Redelivery redelivery = new Redelivery(settings.id().toString(), MAX_REDELIVERIES, dropped,
        new RateLimitedLog(LoggerFactory.getLogger(RequirementsProcessorFactory.class),
            Duration.ofSeconds(10)));
    TracedShape<?> shape = signal == Signal.TRACES ? new SpanShape() : new LogShape();
    return new TracedProcessor<>(shape, tagger, traceKeys, coverage, redelivery,
        inheritance.maxWait(), inheritance.maxHeldSpans(), clock);
  }
}
