package io.homeostat.homeostasis.model;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;

/**
 * Sees every export request at the {@code homeostasis} stage of a pipeline, on the pipeline
 * thread, without changing it: the targets' windows and the production-issue tracker are fed this
 * way.
 */
public interface RecordObserver {

  void observe(Signal signal, Message request);
}
