package io.homeostat.processor.filter;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.match.IncludeExclude;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.support.DroppedRecords;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code filter} processor: drops spans, metric data points and log records by name,
 * attributes, resource, scope, severity and status, as the OpenTelemetry Collector's filter
 * processor does with its include/exclude settings. Dropped records are counted in
 * {@code homeostat_processor_dropped_*_total{processor}}.
 */
public final class FilterProcessorFactory implements ProcessorFactory<FilterConfig> {

  @Override
  public String type() {
    return "filter";
  }

  @Override
  public FilterConfig createDefaultConfig() {
    return FilterConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, FilterConfig config) {
    SignalFilter filter = config.of(signal);
    if (filter == null) {
      return (request, ack, next) -> next.accept(request, ack);
    }
    return new FilterProcessor(IncludeExclude.of(filter.include(), filter.exclude()),
        DroppedRecords.counter(settings, signal));
  }
}
