package io.homeostat.core.pipeline;

import com.google.protobuf.Message;

/** What follows a processor in its pipeline: the next processor, or the fan-out to exporters. */
@FunctionalInterface
public interface Downstream {

  /** Passes {@code request} on together with one reference on {@code ack}. */
  void accept(Message request, Ack ack);
}
