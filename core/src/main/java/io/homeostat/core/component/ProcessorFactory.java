package io.homeostat.core.component;

import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;

/** Builds processors. Each pipeline gets its own instance, as in the OpenTelemetry Collector. */
public interface ProcessorFactory<C extends Record> extends ComponentFactory<C> {

  /** Creates the processor for one pipeline of {@code signal}. */
  Processor create(ComponentSettings settings, Signal signal, C config);
}
