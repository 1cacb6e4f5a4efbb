package io.homeostat.core.pipeline;

import com.google.protobuf.Message;
import io.homeostat.core.component.Lifecycle;

/**
 * The end of a pipeline. One instance per exporter id, shared by every pipeline that lists it.
 *
 * <p>{@link #offer} is called on the pipeline thread and must not block on the network: exporters
 * queue the request and send it from their own threads (see the exporter module's queue-and-retry
 * helper).
 */
public interface Exporter extends Lifecycle {

  /**
   * Takes {@code request} into this exporter's queue. Returns false, keeping nothing, when the
   * queue is full or the exporter is shutting down; the client is then asked to retry.
   */
  boolean offer(Signal signal, Message request);
}
