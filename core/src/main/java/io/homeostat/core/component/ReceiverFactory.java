package io.homeostat.core.component;

import io.homeostat.core.pipeline.Receiver;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import java.util.Map;

/** Builds receivers. One receiver per id serves every pipeline that lists it. */
public interface ReceiverFactory<C extends Record> extends ComponentFactory<C> {

  /**
   * Creates a receiver that hands each signal's requests to its consumer. A signal missing from
   * {@code consumers} is used by no pipeline: the receiver answers it as not found / unimplemented.
   */
  Receiver create(ComponentSettings settings, C config, Map<Signal, RequestConsumer> consumers);
}
