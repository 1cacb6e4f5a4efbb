package io.homeostat.server.pipeline;

import com.google.protobuf.Message;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Completion;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.telemetry.Counter;

/**
 * What a receiver calls to hand a request to its pipelines: claims a ring slot without blocking,
 * or answers at once that the client must retry (the ring is full, or the server is stopping).
 */
final class RingEntry implements RequestConsumer {

  private final RingBuffer<RingEvent> ring;
  private final Route route;
  private final Gate gate;
  private final Outcome.Refused full;
  private final Outcome.Refused stopping;
  private final Counter refusedFull;

  RingEntry(RingBuffer<RingEvent> ring, Route route, Gate gate, java.time.Duration retryAfter,
      Counter refusedFull) {
    this.ring = ring;
    this.route = route;
    this.gate = gate;
    this.full = new Outcome.Refused(retryAfter, "the pipeline is full; retry later");
    this.stopping = new Outcome.Refused(retryAfter, "the server is shutting down; retry later");
    this.refusedFull = refusedFull;
  }

  @Override
  public void consume(Message request, Completion completion) {
    if (!gate.enter()) {
      completion.complete(stopping);
      return;
    }
    try {
      long sequence;
      try {
        sequence = ring.tryNext();
      } catch (InsufficientCapacityException e) {
        refusedFull.inc();
        completion.complete(full);
        return;
      }
      ring.get(sequence).data(route, request, Ack.of(completion));
      ring.publish(sequence);
    } finally {
      gate.exit();
    }
  }
}
