package io.homeostat.server.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RingTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MetricRegistry metrics = new MetricRegistry();
  private Ring ring;

  @AfterEach
  void drain() {
    if (ring != null) {
      ring.drain(Deadline.in(WAIT));
    }
  }

  private static ExportTraceServiceRequest request(String spanName) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setName(spanName)))).build();
  }

  private static String spanName(Message request) {
    return ((ExportTraceServiceRequest) request).getResourceSpans(0).getScopeSpans(0).getSpans(0).getName();
  }

  private static Outcome send(RequestConsumer entry, Message request) throws Exception {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    entry.consume(request, outcome::complete);
    return outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Appends a suffix to the span name: a processor that changes data, copy on write. */
  private static Processor renaming(String suffix) {
    return (request, ack, next) -> next.accept(request("" + spanName(request) + suffix), ack);
  }

  @Test
  void processorsRunInOrderThenEveryExporterGetsTheSameRequest() throws Exception {
    CaptureExporter first = new CaptureExporter(10);
    CaptureExporter second = new CaptureExporter(10);
    ring = new Ring(8, Duration.ofSeconds(1), metrics);
    ring.addPipeline("traces", Signal.TRACES, List.of(renaming("-a"), renaming("-b")),
        exporters("first", first, "second", second));
    RequestConsumer entry = ring.entry("otlp", List.of("traces"));
    ring.start();

    assertEquals(Outcome.ACCEPTED, send(entry, request("span")));
    assertEquals("span-a-b", spanName(first.received.get(0)));
    assertSame(first.received.get(0), second.received.get(0));
  }

  @Test
  void aReceiverFeedingTwoPipelinesSharesOneRequestAndIsAnsweredOnceBothAreDone() throws Exception {
    CaptureExporter a = new CaptureExporter(10);
    CaptureExporter b = new CaptureExporter(10);
    ring = new Ring(8, Duration.ofSeconds(1), metrics);
    ring.addPipeline("traces", Signal.TRACES, List.of(), exporters("a", a));
    ring.addPipeline("traces/2", Signal.TRACES, List.of(), exporters("b", b));
    RequestConsumer entry = ring.entry("otlp", List.of("traces", "traces/2"));
    ring.start();

    ExportTraceServiceRequest request = request("shared");
    assertEquals(Outcome.ACCEPTED, send(entry, request));
    assertSame(request, a.received.get(0));
    assertSame(request, b.received.get(0));
  }

  @Test
  void aFullExporterQueueAsksTheClientToRetryNamingTheExporter() throws Exception {
    CaptureExporter full = new CaptureExporter(0);
    ring = new Ring(8, Duration.ofSeconds(2), metrics);
    ring.addPipeline("traces", Signal.TRACES, List.of(), exporters("otlp/tempo", full));
    RequestConsumer entry = ring.entry("otlp", List.of("traces"));
    ring.start();

    assertEquals(new Outcome.Refused(Duration.ofSeconds(2), "the queue of exporter otlp/tempo is full; retry later"),
        send(entry, request("x")));
  }

  @Test
  void aFullRingIsRefusedAtOnceAndCountedWhileTheRestGoesThrough() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    Processor blocking = (request, ack, next) -> {
      blocked.countDown();
      await(release);
      next.accept(request, ack);
    };
    CaptureExporter sink = new CaptureExporter(100);
    ring = new Ring(2, Duration.ofSeconds(1), metrics);
    ring.addPipeline("traces", Signal.TRACES, List.of(blocking), exporters("sink", sink));
    RequestConsumer entry = ring.entry("otlp", List.of("traces"));
    ring.start();

    List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      entry.consume(request("r" + i), outcome::complete);
      outcomes.add(outcome);
      if (i == 0) {
        assertTrue(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
    }
    // A slot is free only once its event is handled: r0 is on the pipeline thread, r1 waits in
    // the second slot, and r2 finds the ring full.
    assertEquals(new Outcome.Refused(Duration.ofSeconds(1), "the pipeline is full; retry later"),
        outcomes.get(2).get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(1.0, metrics.value("homeostat_ring_full_refusals_total"));
    release.countDown();
    for (int i = 0; i < 2; i++) {
      assertEquals(Outcome.ACCEPTED, outcomes.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }
    assertEquals(List.of("r0", "r1"), sink.received.stream().map(RingTest::spanName).toList());
  }

  @Test
  void aThrowingProcessorAnswersInvalidIsCountedAndThePipelineGoesOn() throws Exception {
    Processor picky = (request, ack, next) -> {
      if (spanName(request).equals("poison")) {
        throw new IllegalStateException("boom");
      }
      next.accept(request, ack);
    };
    CaptureExporter sink = new CaptureExporter(10);
    ring = new Ring(8, Duration.ofSeconds(1), metrics);
    ring.addPipeline("traces", Signal.TRACES, List.of(picky), exporters("sink", sink));
    RequestConsumer entry = ring.entry("otlp", List.of("traces"));
    ring.start();

    assertEquals(new Outcome.Invalid("internal error in pipeline traces; the request was dropped (see the server log)"),
        send(entry, request("poison")));
    assertEquals(Outcome.ACCEPTED, send(entry, request("fine")));
    assertEquals(1.0, metrics.value("homeostat_pipeline_failures_total"));
    assertEquals(List.of("fine"), sink.received.stream().map(RingTest::spanName).toList());
  }

  @Test
  void heldDataLeavesOnTicksAndEverythingLeftLeavesOnDrain() throws Exception {
    HoldingProcessor holding = new HoldingProcessor(Duration.ofMillis(20));
    CaptureExporter sink = new CaptureExporter(100);
    ring = new Ring(8, Duration.ofSeconds(1), metrics);
    ring.addPipeline("traces", Signal.TRACES, List.of(holding), exporters("sink", sink));
    RequestConsumer entry = ring.entry("otlp", List.of("traces"));
    ring.start();

    assertEquals(Outcome.ACCEPTED, send(entry, request("ticked")));
    assertTrue(holding.ticks.poll(WAIT.toSeconds(), TimeUnit.SECONDS) != null);

    holding.releaseOnTick = false;
    CompletableFuture<Outcome> held = new CompletableFuture<>();
    entry.consume(request("flushed"), held::complete);
    assertEquals(0, ring.drain(Deadline.in(WAIT)));
    assertEquals(Outcome.ACCEPTED, held.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(List.of("ticked", "flushed"), sink.received.stream().map(RingTest::spanName).toList());

    assertEquals(new Outcome.Refused(Duration.ofSeconds(1), "the server is shutting down; retry later"),
        send(entry, request("late")));
    ring = null;
  }

  private static Map<String, Exporter> exporters(Object... idsAndExporters) {
    Map<String, Exporter> map = new LinkedHashMap<>();
    for (int i = 0; i < idsAndExporters.length; i += 2) {
      map.put((String) idsAndExporters[i], (Exporter) idsAndExporters[i + 1]);
    }
    return map;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Takes requests until its capacity is reached, then refuses, like a full queue. */
  static final class CaptureExporter implements Exporter {
    final List<Message> received = new CopyOnWriteArrayList<>();
    private final int capacity;

    CaptureExporter(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public boolean offer(Signal signal, Message request) {
      if (received.size() >= capacity) {
        return false;
      }
      received.add(request);
      return true;
    }
  }

  /** Holds every request until a tick (or the flush), like a batching processor. */
  static final class HoldingProcessor implements Processor {
    final BlockingQueue<Long> ticks = new LinkedBlockingQueue<>();
    volatile boolean releaseOnTick = true;
    private final Duration interval;
    private final List<Message> held = new ArrayList<>();
    private final List<Ack> acks = new ArrayList<>();

    HoldingProcessor(Duration interval) {
      this.interval = interval;
    }

    @Override
    public void process(Message request, Ack ack, Downstream next) {
      held.add(request);
      acks.add(ack);
    }

    @Override
    public Duration tickInterval() {
      return interval;
    }

    @Override
    public void onTick(long nanoTime, Downstream next) {
      if (releaseOnTick && !held.isEmpty()) {
        flush(next);
        ticks.add(nanoTime);
      }
    }

    @Override
    public void flush(Downstream next) {
      for (int i = 0; i < held.size(); i++) {
        next.accept(held.get(i), acks.get(i));
      }
      held.clear();
      acks.clear();
    }
  }
}
