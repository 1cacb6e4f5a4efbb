package io.homeostat.processor.batch;

import static io.homeostat.processor.testing.Otlp.service;
import static io.homeostat.processor.testing.Otlp.span;
import static io.homeostat.processor.testing.Otlp.traceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.processor.testing.Answers;
import io.homeostat.processor.testing.Capture;
import io.homeostat.processor.testing.Configs;
import io.homeostat.processor.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

  private final MetricRegistry metrics = new MetricRegistry();
  private final Capture next = new Capture();
  private final Answers answers = new Answers();
  private long now = 5_000_000_000L;

  private Processor batch(String config) {
    BatchConfig bound = Configs.bind("batch", BatchConfig.class, BatchConfig.DEFAULT,
        "batch: " + config + "\n");
    return BatchProcessorFactory.create(new ComponentSettings(ComponentId.of("batch"), metrics,
        Path.of(".")), Signal.TRACES, bound, () -> now);
  }

  private static ExportTraceServiceRequest spans(String service, String... names) {
    List<Span> spans = new ArrayList<>();
    for (String name : names) {
      spans.add(span(traceId(1, name.hashCode()), name));
    }
    return Otlp.traces(service(service), "scope", spans);
  }

  private double batches(String trigger) {
    return metrics.value("homeostat_processor_batch_batches_total", "processor", "batch",
        "signal", "traces", "trigger", trigger);
  }

  @Test
  void requestsAreMergedIntoOneOnceTheBatchReachesItsSize() {
    Processor batch = batch("{send_batch_size: 3}");
    batch.process(spans("checkout", "a"), answers.ack(), next);
    batch.process(spans("checkout", "b"), answers.ack(), next);
    assertEquals(List.of(), next.requests);
    assertEquals(0, answers.count(), "clients wait while their data is in the batch");
    batch.process(spans("checkout", "c", "d"), answers.ack(), next);
    assertEquals(List.of(spans("checkout", "a", "b", "c", "d")), next.requests);
    assertEquals(Collections.nCopies(3, Outcome.ACCEPTED), answers.outcomes);
    assertEquals(1.0, batches("size"));
  }

  @Test
  void aBatchLeavesWhenItsTimeoutHasPassedSinceItsFirstRequest() {
    Processor batch = batch("{timeout: 200ms}");
    batch.process(spans("checkout", "a"), answers.ack(), next);
    now += 150_000_000L;
    batch.process(spans("checkout", "b"), answers.ack(), next);
    now += 49_000_000L;
    batch.onTick(now, next);
    assertEquals(List.of(), next.requests);
    now += 1_000_000L;
    batch.onTick(now, next);
    assertEquals(List.of(spans("checkout", "a", "b")), next.requests);
    assertEquals(2, answers.count());
    assertEquals(1.0, batches("timeout"));
    assertEquals(Duration.ofMillis(20), batch.tickInterval());
  }

  @Test
  void requestsOfDifferentResourcesStayInTheirOwnGroups() {
    Processor batch = batch("{send_batch_size: 3}");
    batch.process(spans("checkout", "a"), answers.ack(), next);
    batch.process(spans("payments", "b"), answers.ack(), next);
    batch.process(spans("checkout", "c"), answers.ack(), next);
    ExportTraceServiceRequest merged = (ExportTraceServiceRequest) next.requests.get(0);
    assertEquals(2, merged.getResourceSpansCount());
    assertEquals(spans("checkout", "a", "c").getResourceSpans(0), merged.getResourceSpans(0));
    assertEquals(spans("payments", "b").getResourceSpans(0), merged.getResourceSpans(1));
  }

  @Test
  void aBatchOverTheMaxSizeLeavesInPartsThatEachHoldTheClientsAcks() {
    Processor batch = batch("{send_batch_size: 4, send_batch_max_size: 4}");
    next.keepAcks = true;
    batch.process(spans("checkout", "a", "b", "c"), answers.ack(), next);
    batch.process(spans("checkout", "d", "e", "f"), answers.ack(), next);
    assertEquals(List.of(spans("checkout", "a", "b", "c", "d"), spans("checkout", "e", "f")),
        next.requests);
    next.acks.get(0).accept();
    assertEquals(0, answers.count(), "answered only when every part was handed on");
    next.acks.get(1).accept();
    assertEquals(Collections.nCopies(2, Outcome.ACCEPTED), answers.outcomes);
  }

  @Test
  void aRefusalDownstreamReachesEveryClientOfTheBatch() {
    Processor batch = batch("{send_batch_size: 2}");
    next.full = true;
    batch.process(spans("checkout", "a"), answers.ack(), next);
    batch.process(spans("checkout", "b"), answers.ack(), next);
    assertEquals(2, answers.count());
    answers.outcomes.forEach(outcome -> assertEquals(Outcome.Refused.class, outcome.getClass()));
  }

  @Test
  void flushHandsOnWhatIsLeft() {
    Processor batch = batch("{}");
    batch.process(spans("checkout", "a"), answers.ack(), next);
    batch.flush(next);
    assertEquals(List.of(spans("checkout", "a")), next.requests);
    assertEquals(1.0, batches("flush"));
    batch.flush(next);
    assertEquals(1, next.requests.size());
  }

  @Test
  void aBatchOfOneRequestIsHandedOnAsTheSameInstance() {
    Processor batch = batch("{send_batch_size: 1}");
    ExportTraceServiceRequest request = spans("checkout", "a", "b");
    batch.process(request, answers.ack(), next);
    assertSame(request, next.requests.get(0));
  }

  @Test
  void withoutATimeoutEachRequestLeavesAtOnceSplitByTheMaxSize() {
    Processor batch = batch("{timeout: 0s, send_batch_size: 0, send_batch_max_size: 2}");
    batch.process(spans("checkout", "a", "b", "c"), answers.ack(), next);
    assertEquals(List.of(spans("checkout", "a", "b"), spans("checkout", "c")), next.requests);
    assertEquals(List.of(Outcome.ACCEPTED), answers.outcomes);
    assertEquals(Duration.ZERO, batch.tickInterval());
  }

  @Test
  void anEmptyRequestIsAnsweredAtOnce() {
    Processor batch = batch("{}");
    batch.process(ExportTraceServiceRequest.getDefaultInstance(), answers.ack(), next);
    assertEquals(List.of(Outcome.ACCEPTED), answers.outcomes);
    batch.flush(next);
    assertEquals(List.of(), next.requests);
  }

  @Test
  void sizeCountsItemsNotRequests() {
    Processor batch = batch("{send_batch_size: 5}");
    batch.process(spans("checkout", "a", "b", "c", "d"), answers.ack(), next);
    assertEquals(List.of(), next.requests);
    batch.process(spans("checkout", "e"), answers.ack(), next);
    assertEquals(5, OtlpRequests.itemCount(next.requests.get(0)));
  }
}
