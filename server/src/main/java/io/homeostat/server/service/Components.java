package io.homeostat.server.service;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ConnectorFactory;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.component.ReceiverFactory;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Receiver;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.server.config.ComponentSpec;
import java.util.Map;
import java.util.Set;

/** Calls a spec's factory with its config; the casts hold because the loader bound each config with its own factory. */
final class Components {

  private Components() {}

  @SuppressWarnings("unchecked")
  static <C extends Record> Exporter exporter(ComponentSpec spec, ComponentSettings settings, Set<Signal> signals) {
    return ((ExporterFactory<C>) spec.factory()).create(settings, signals, (C) spec.config());
  }

  @SuppressWarnings("unchecked")
  static <C extends Record> Processor processor(ComponentSpec spec, ComponentSettings settings, Signal signal) {
    return ((ProcessorFactory<C>) spec.factory()).create(settings, signal, (C) spec.config());
  }

  @SuppressWarnings("unchecked")
  static <C extends Record> Connector connector(ComponentSpec spec, ComponentSettings settings,
      Set<Signal> inputs, Map<Signal, RequestConsumer> outputs) {
    return ((ConnectorFactory<C>) spec.factory()).create(settings, (C) spec.config(), inputs, outputs);
  }

  @SuppressWarnings("unchecked")
  static <C extends Record> Receiver receiver(ComponentSpec spec, ComponentSettings settings,
      Map<Signal, RequestConsumer> consumers) {
    return ((ReceiverFactory<C>) spec.factory()).create(settings, (C) spec.config(), consumers);
  }
}
