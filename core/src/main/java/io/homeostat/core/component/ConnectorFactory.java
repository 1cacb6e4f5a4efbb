package io.homeostat.core.component;

import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import java.util.Map;
import java.util.Set;

/**
 * Builds connectors. One connector per id serves every pipeline that lists it.
 * {@link #supportedSignals()} holds the signals it takes in; {@link #outputs(Signal)} the signals it
 * makes from each.
 */
public interface ConnectorFactory<C extends Record> extends ComponentFactory<C> {

  /** The signals a connector makes from {@code input}; empty when it does not take {@code input}. */
  Set<Signal> outputs(Signal input);

  /**
   * Creates a connector offered requests of {@code inputs}, handing what it makes to
   * {@code outputs} (one consumer per signal of the pipelines that list it as a receiver).
   */
  Connector create(ComponentSettings settings, C config, Set<Signal> inputs,
      Map<Signal, RequestConsumer> outputs);
}
