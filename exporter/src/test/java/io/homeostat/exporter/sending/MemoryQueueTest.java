package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

/** A memory queue is bounded by what its sizer counts, and frees that room as senders take. */
class MemoryQueueTest {

  /** A request of {@code spans} spans, each with a 100-byte name. */
  private static ExportTraceServiceRequest spans(int spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(Span.newBuilder().setName("x".repeat(100)).setSpanId(ByteString.copyFrom(new byte[8])));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  @Test
  void theRequestsSizerCountsRequestsWhateverTheyHold() throws Exception {
    MemoryQueue queue = new MemoryQueue(QueueSizer.REQUESTS, 2);
    assertTrue(queue.offer(Signal.TRACES, spans(500), 500));
    assertTrue(queue.offer(Signal.TRACES, spans(1), 1));
    assertFalse(queue.offer(Signal.TRACES, spans(1), 1));
    assertEquals("its sending queue is full (2 requests). The backend is slow or unreachable (see "
        + "the failures logged before this), or the queue is too small for the load: raise "
        + "sending_queue.queue_size or num_consumers", queue.refusal());
    assertEquals(2, queue.size());
    queue.take();
    assertEquals(1, queue.size());
    assertTrue(queue.offer(Signal.TRACES, spans(1), 1));
  }

  @Test
  void theItemsSizerCountsSpansAndFreesThemAsSendersTake() throws Exception {
    MemoryQueue queue = new MemoryQueue(QueueSizer.ITEMS, 100);
    ExportTraceServiceRequest sixty = spans(60);
    assertTrue(queue.offer(Signal.TRACES, sixty, 60));
    assertTrue(queue.offer(Signal.TRACES, spans(40), 40));
    assertFalse(queue.offer(Signal.TRACES, spans(1), 1), "100 of 100 items");
    assertEquals(100, queue.size());
    assertEquals(100, queue.capacity());
    assertTrue(queue.refusal().startsWith("its sending queue is full (100 items)."), queue.refusal());

    assertSame(sixty, queue.take().request());
    assertEquals(40, queue.size());
    assertFalse(queue.offer(Signal.TRACES, spans(61), 61), "61 more would be 101");
    assertTrue(queue.offer(Signal.TRACES, spans(60), 60));
  }

  @Test
  void theBytesSizerCountsTheEncodedSize() throws Exception {
    ExportTraceServiceRequest request = spans(10);
    int bytes = request.getSerializedSize();
    MemoryQueue queue = new MemoryQueue(QueueSizer.BYTES, 2 * bytes);
    assertTrue(queue.offer(Signal.TRACES, request, 10));
    assertTrue(queue.offer(Signal.TRACES, request, 10));
    assertFalse(queue.offer(Signal.TRACES, spans(1), 1));
    assertEquals(2 * bytes, queue.size());
    queue.take();
    assertEquals(bytes, queue.size());
  }

  @Test
  void aRequestLargerThanTheWholeQueueIsTakenWhileTheQueueIsBelowItsCapacity() throws Exception {
    MemoryQueue queue = new MemoryQueue(QueueSizer.ITEMS, 100);
    assertTrue(queue.offer(Signal.TRACES, spans(50), 50));
    assertTrue(queue.offer(Signal.TRACES, spans(250), 250), "50 of 100: below capacity");
    assertEquals(300, queue.size(), "at most one request beyond the capacity");
    assertFalse(queue.offer(Signal.TRACES, spans(1), 1));
    assertTrue(queue.refusal().startsWith("its sending queue is full (100 items)."), queue.refusal());
    assertFalse(queue.offer(Signal.TRACES, spans(250), 250));
    assertEquals("the request is larger than its whole sending queue (100 items) and waits until "
        + "the queue is below that; raise sending_queue.queue_size, or have clients send smaller "
        + "batches", queue.refusal());

    queue.take();
    queue.take();
    assertEquals(0, queue.size());
    assertEquals(0, queue.waitingRequests());
    assertTrue(queue.offer(Signal.TRACES, spans(250), 250));
    assertEquals(1, queue.waitingRequests());
  }

  @Test
  void anEmptyRequestStillTakesRoomSoEmptyRequestsCannotPileUp() {
    for (QueueSizer sizer : QueueSizer.values()) {
      MemoryQueue queue = new MemoryQueue(sizer, 2);
      assertTrue(queue.offer(Signal.TRACES, ExportTraceServiceRequest.getDefaultInstance(), 0));
      assertTrue(queue.offer(Signal.TRACES, ExportTraceServiceRequest.getDefaultInstance(), 0));
      assertFalse(queue.offer(Signal.TRACES, ExportTraceServiceRequest.getDefaultInstance(), 0), sizer.name());
    }
  }

  @Test
  void whatIsLeftAtCloseIsCountedAsLost() {
    MemoryQueue queue = new MemoryQueue(QueueSizer.ITEMS, 100);
    queue.offer(Signal.TRACES, spans(7), 7);
    queue.offer(Signal.TRACES, spans(3), 3);
    Unsent unsent = queue.close();
    assertEquals(2, unsent.requests());
    assertEquals(10, unsent.items());
  }
}
