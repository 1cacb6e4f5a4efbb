package io.homeostat.server.pipeline;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;

/**
 * One slot of the pipeline ring. A data event carries one decoded export request, the pipelines
 * it goes to, and the ack that answers its client; tick and flush events drive processors that
 * hold data. Slots are reused: {@link #clear} drops every reference once an event is handled, so
 * the ring never keeps a request alive.
 */
final class RingEvent {

  enum Kind { DATA, TICK, FLUSH }

  Kind kind;
  Route route;
  Message request;
  Ack ack;

  void data(Route route, Message request, Ack ack) {
    this.kind = Kind.DATA;
    this.route = route;
    this.request = request;
    this.ack = ack;
  }

  void control(Kind kind) {
    this.kind = kind;
  }

  void clear() {
    kind = null;
    route = null;
    request = null;
    ack = null;
  }
}
