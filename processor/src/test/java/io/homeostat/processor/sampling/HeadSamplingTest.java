package io.homeostat.processor.sampling;

import static io.homeostat.processor.testing.Otlp.log;
import static io.homeostat.processor.testing.Otlp.logs;
import static io.homeostat.processor.testing.Otlp.span;
import static io.homeostat.processor.testing.Otlp.traceId;
import static io.homeostat.processor.testing.Otlp.traceIdWithRandomness;
import static io.homeostat.processor.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.testing.Answers;
import io.homeostat.processor.testing.Capture;
import io.homeostat.processor.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HeadSamplingTest {

  /** Randomness far below the 0.1 threshold: the ratio drops these traces. */
  private static final ByteString DROPPED = traceIdWithRandomness(0x00000000000001L);
  private static final ByteString DROPPED_TOO = traceIdWithRandomness(0x00000000000002L);
  /** Randomness above it: the ratio keeps these. */
  private static final ByteString KEPT = traceIdWithRandomness(0xf0000000000000L);

  private final Fixture fixture = new Fixture();
  private final Capture next = new Capture();
  private final Answers answers = new Answers();

  private static Span error(ByteString traceId, String name) {
    return span(traceId, name).toBuilder()
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)).build();
  }

  private static Span exception(ByteString traceId, String name) {
    return span(traceId, name).toBuilder()
        .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(Otlp.T0)).build();
  }

  private static List<String> names(List<Span> spans) {
    return spans.stream().map(Span::getName).toList();
  }

  private static ExportTraceServiceRequest randomTraces(long seed, int traces, int spansPerTrace) {
    Random random = new Random(seed);
    List<Span> spans = new ArrayList<>();
    for (int t = 0; t < traces; t++) {
      ByteString id = traceId(random.nextLong(), random.nextLong());
      for (int s = 0; s < spansPerTrace; s++) {
        spans.add(span(id, "t" + t + "s" + s));
      }
    }
    return traces(Otlp.service("checkout"), "scope", spans);
  }

  @Test
  void theSameTraceGetsTheSameDecisionInEveryProcessorInstance() {
    ExportTraceServiceRequest request = randomTraces(3, 2_000, 3);
    Capture first = new Capture();
    Capture second = new Capture();
    new Fixture().create(Signal.TRACES, "{ratio: 0.25}").process(request, answers.ack(), first);
    new Fixture().create(Signal.TRACES, "{ratio: 0.25}").process(request, answers.ack(), second);
    assertEquals(first.requests, second.requests);
    Map<ByteString, Long> spansPerTrace = first.spans().stream()
        .collect(Collectors.groupingBy(Span::getTraceId, Collectors.counting()));
    assertTrue(spansPerTrace.values().stream().allMatch(n -> n == 3), "a trace was split: " + spansPerTrace);
  }

  @Test
  void aboutTheRatioOfOneHundredThousandRandomTracesIsKept() {
    Processor sampler = fixture.create(Signal.TRACES, "{ratio: 0.1}");
    sampler.process(randomTraces(42, 100_000, 1), answers.ack(), next);
    int kept = next.spans().size();
    // Binomial(100000, 0.1): standard deviation 95; 5 of them either side.
    assertTrue(Math.abs(kept - 10_000) < 475, "kept " + kept);
    assertEquals(kept, fixture.kept(Signal.TRACES, Policy.RATIO));
    assertEquals(100_000 - kept, fixture.dropped(Signal.TRACES));
  }

  @Test
  void aRequestThatLosesNothingPassesOnAsTheSameInstance() {
    ExportTraceServiceRequest request = traces(span(KEPT, "a"), span(KEPT, "b"));
    fixture.create(Signal.TRACES, "{ratio: 0.1}").process(request, answers.ack(), next);
    assertSame(request, next.requests.get(0));
    assertEquals(List.of(Outcome.ACCEPTED), answers.outcomes);
  }

  @Test
  void aRequestThatLosesEverythingIsAnsweredAndNotPassedOn() {
    fixture.create(Signal.TRACES, "{ratio: 0.1}")
        .process(traces(span(DROPPED, "a"), span(DROPPED_TOO, "b")), answers.ack(), next);
    assertEquals(List.of(), next.requests);
    assertEquals(List.of(Outcome.ACCEPTED), answers.outcomes);
    assertEquals(2.0, fixture.dropped(Signal.TRACES));
  }

  @Test
  void spansWithoutAValidTraceIdAreKept() {
    fixture.create(Signal.TRACES, "{ratio: 0}")
        .process(traces(span(ByteString.EMPTY, "no-id"), span(DROPPED, "dropped")), answers.ack(), next);
    assertEquals(List.of("no-id"), names(next.spans()));
    assertEquals(1.0, fixture.kept(Signal.TRACES, Policy.NO_TRACE_ID));
  }

  @Test
  void keepErrorsKeepsEverySpanOfAnErrorTraceInTheSameRequestWhateverTheOrder() {
    fixture.create(Signal.TRACES, "{ratio: 0.1, keep_errors: true}").process(traces(
        span(DROPPED, "before-error"), span(DROPPED_TOO, "other"), error(DROPPED, "error"),
        span(DROPPED, "after-error")), answers.ack(), next);
    assertEquals(List.of("before-error", "error", "after-error"), names(next.spans()));
    assertEquals(3.0, fixture.kept(Signal.TRACES, Policy.ERRORS));
    assertEquals(1.0, fixture.dropped(Signal.TRACES));
  }

  @Test
  void anExceptionEventMakesAnErrorTraceToo() {
    fixture.create(Signal.TRACES, "{ratio: 0, keep_errors: true}")
        .process(traces(span(DROPPED, "root"), exception(DROPPED, "failed")), answers.ack(), next);
    assertEquals(List.of("root", "failed"), names(next.spans()));
  }

  @Test
  void withoutKeepErrorsAnErrorTraceIsSampledLikeAnyOther() {
    fixture.create(Signal.TRACES, "{ratio: 0.1}")
        .process(traces(error(DROPPED, "error")), answers.ack(), next);
    assertEquals(List.of(), next.spans());
  }

  @Test
  void laterSpansOfAnErrorTraceAreKeptUntilTheErrorCacheForgetsIt() {
    Processor sampler = fixture.create(Signal.TRACES,
        "{ratio: 0.1, keep_errors: true, error_cache_ttl: 30s}");
    sampler.process(traces(error(DROPPED, "error")), answers.ack(), next);
    fixture.advanceSeconds(29);
    sampler.process(traces(span(DROPPED, "parent"), span(DROPPED_TOO, "other")), answers.ack(), next);
    fixture.advanceSeconds(1);
    sampler.process(traces(span(DROPPED, "too-late")), answers.ack(), next);
    assertEquals(List.of("error", "parent"), names(next.spans()));
  }

  @Test
  void theErrorCacheIsBoundedAndForgetsTheOldestErrorTrace() {
    Processor sampler = fixture.create(Signal.TRACES,
        "{ratio: 0.1, keep_errors: true, error_cache_size: 1}");
    sampler.process(traces(error(DROPPED, "first-error"), error(DROPPED_TOO, "second-error")),
        answers.ack(), next);
    next.clear();
    sampler.process(traces(span(DROPPED, "first"), span(DROPPED_TOO, "second")), answers.ack(), next);
    assertEquals(List.of("second"), names(next.spans()));
  }

  @Test
  void logsFollowTheirTraceAndTheErrorsTheTracesPipelineSaw() {
    Processor spans = fixture.create(Signal.TRACES, "{ratio: 0.1, keep_errors: true}");
    Processor logs = fixture.create(Signal.LOGS, "{ratio: 0.1, keep_errors: true}");
    spans.process(traces(error(DROPPED, "error")), answers.ack(), new Capture());
    logs.process(logs(log(KEPT, "sampled"), log(DROPPED, "of-error-trace"),
        log(DROPPED_TOO, "dropped"), log(ByteString.EMPTY, "no-trace")), answers.ack(), next);
    assertEquals(List.of("sampled", "of-error-trace", "no-trace"), bodies(next.logRecords()));
    assertEquals(1.0, fixture.kept(Signal.LOGS, Policy.ERRORS));
    assertEquals(1.0, fixture.dropped(Signal.LOGS));
  }

  @Test
  void anErrorLogKeepsItselfAndTheRestOfItsTrace() {
    Processor spans = fixture.create(Signal.TRACES, "{ratio: 0.1, keep_errors: true}");
    Processor logs = fixture.create(Signal.LOGS, "{ratio: 0.1, keep_errors: true}");
    LogRecord failure = log(DROPPED, "payment declined").toBuilder()
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR).build();
    Capture spansOut = new Capture();
    logs.process(logs(log(DROPPED, "before"), failure), answers.ack(), next);
    spans.process(traces(span(DROPPED, "checkout")), answers.ack(), spansOut);
    assertEquals(List.of("before", "payment declined"), bodies(next.logRecords()));
    assertEquals(List.of("checkout"), names(spansOut.spans()));
  }

  private static List<String> bodies(List<LogRecord> records) {
    return records.stream().map(r -> r.getBody().getStringValue()).toList();
  }
}
