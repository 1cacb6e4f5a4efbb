package io.homeostat.processor.sampling;

import static io.homeostat.processor.testing.Otlp.log;
import static io.homeostat.processor.testing.Otlp.logs;
import static io.homeostat.processor.testing.Otlp.span;
import static io.homeostat.processor.testing.Otlp.traceIdWithRandomness;
import static io.homeostat.processor.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.ByteString;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.testing.Answers;
import io.homeostat.processor.testing.Capture;
import io.homeostat.processor.testing.Otlp;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailSamplingTest {

  /** Randomness at the bottom: the ratio (below 1) drops these traces. */
  private static final ByteString A = traceIdWithRandomness(1);
  private static final ByteString B = traceIdWithRandomness(2);
  private static final ByteString C = traceIdWithRandomness(3);
  /** Randomness at the top: any ratio above 0 keeps it. */
  private static final ByteString SAMPLED = traceIdWithRandomness((1L << 56) - 1);

  private final Fixture fixture = new Fixture();
  private final Capture next = new Capture();
  private final Answers answers = new Answers();

  private Processor tail(String settings) {
    return fixture.create(Signal.TRACES, "{mode: tail, decision_wait: 10s, " + settings + "}");
  }

  private void tick(Processor sampler) {
    sampler.onTick(fixture.now, next);
  }

  private static Span error(ByteString traceId, String name) {
    return span(traceId, name).toBuilder()
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)).build();
  }

  private static Span lasting(ByteString traceId, String name, double seconds) {
    return span(traceId, name).toBuilder()
        .setEndTimeUnixNano(Otlp.T0 + (long) (seconds * 1e9)).build();
  }

  private static Span tagged(ByteString traceId, String name, KeyValue req) {
    return span(traceId, name).toBuilder().addAttributes(req).build();
  }

  private static List<String> names(List<Span> spans) {
    return spans.stream().map(Span::getName).toList();
  }

  @Test
  void spansAreAnsweredWhenTakenHeldForTheWaitThenHandedOnAsOneTrace() {
    Processor sampler = tail("ratio: 1");
    sampler.process(traces(span(A, "root")), answers.ack(), next);
    fixture.advanceSeconds(5);
    sampler.process(traces(span(A, "child"), span(B, "other")), answers.ack(), next);
    assertEquals(List.of(Outcome.ACCEPTED, Outcome.ACCEPTED), answers.outcomes);
    fixture.advanceSeconds(4.9);
    tick(sampler);
    assertEquals(List.of(), next.requests);
    fixture.advanceSeconds(0.1);
    tick(sampler);
    assertEquals(List.of("root", "child"), names(next.spans()));
    assertEquals(1, next.requests.size());
    fixture.advanceSeconds(5);
    tick(sampler);
    assertEquals(List.of("root", "child", "other"), names(next.spans()));
    assertEquals(3.0, fixture.kept(Signal.TRACES, Policy.RATIO));
  }

  @Test
  void tracesTheRatioDoesNotPickAreDroppedWhole() {
    Processor sampler = tail("ratio: 0.5");
    sampler.process(traces(span(A, "a1"), span(SAMPLED, "s1"), span(A, "a2")), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of("s1"), names(next.spans()));
    assertEquals(2.0, fixture.dropped(Signal.TRACES));
  }

  @Test
  void theErrorsPolicyKeepsATraceWithAnErrorAnywhereInIt() {
    Processor sampler = tail("ratio: 0, keep_errors: true");
    sampler.process(traces(span(A, "root"), span(B, "fine")), answers.ack(), next);
    sampler.process(traces(error(A, "failed")), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of("root", "failed"), names(next.spans()));
    assertEquals(2.0, fixture.kept(Signal.TRACES, Policy.ERRORS));
  }

  @Test
  void theLatencyPolicyKeepsTracesLongerThanTheThreshold() {
    Processor sampler = tail("ratio: 0, latency_threshold: 1s");
    sampler.process(traces(lasting(A, "slow-root", 0.5),
        span(A, "slow-child").toBuilder().setStartTimeUnixNano(Otlp.T0 + 1_000_000_000L)
            .setEndTimeUnixNano(Otlp.T0 + 1_500_000_000L).build(),
        lasting(B, "fast", 0.9)), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of("slow-root", "slow-child"), names(next.spans()));
    assertEquals(2.0, fixture.kept(Signal.TRACES, Policy.LATENCY));
  }

  @Test
  void theRequirementPolicyKeepsTracesServingAListedRequirement() {
    Processor sampler = tail("ratio: 0, always_keep_requirements: [REQ-F-PAY-001]");
    sampler.process(traces(
        span(A, "untagged-root"),
        tagged(A, "listed-in-a-comma-list", Otlp.attribute("req", "REQ-F-AUTH-001, REQ-F-PAY-001")),
        tagged(B, "listed-in-an-array", KeyValue.newBuilder().setKey("req")
            .setValue(KeyValues.strings(List.of("REQ-X", "REQ-F-PAY-001"))).build()),
        tagged(C, "not-listed", Otlp.attribute("req", "REQ-F-PAY-0010"))), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of("untagged-root", "listed-in-a-comma-list", "listed-in-an-array"),
        names(next.spans()));
    assertEquals(3.0, fixture.kept(Signal.TRACES, Policy.REQUIREMENT));
    assertEquals(1.0, fixture.dropped(Signal.TRACES));
  }

  @Test
  void spansArrivingAfterTheDecisionFollowIt() {
    Processor sampler = tail("ratio: 0.5");
    sampler.process(traces(span(SAMPLED, "kept"), span(A, "dropped")), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    next.clear();
    ExportTraceServiceRequest late = traces(span(SAMPLED, "late"));
    sampler.process(late, answers.ack(), next);
    assertSame(late, next.requests.get(0), "a late span of a kept trace passes at once, unchanged");
    sampler.process(traces(span(A, "late-dropped")), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of("late"), names(next.spans()));
    assertEquals(1.0, fixture.kept(Signal.TRACES, Policy.TRACE_KEPT));
  }

  @Test
  void aLateErrorKeepsWhatIsStillToComeOfADroppedTrace() {
    Processor sampler = tail("ratio: 0, keep_errors: true");
    sampler.process(traces(span(A, "dropped")), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    sampler.process(traces(error(A, "late-error")), answers.ack(), next);
    sampler.process(traces(span(A, "after")), answers.ack(), next);
    assertEquals(List.of("late-error", "after"), names(next.spans()));
  }

  @Test
  void pastNumTracesTheOldestTraceIsDecidedEarly() {
    Processor sampler = tail("ratio: 1, num_traces: 2");
    sampler.process(traces(span(A, "a")), answers.ack(), next);
    fixture.advanceSeconds(1);
    sampler.process(traces(span(B, "b"), span(C, "c")), answers.ack(), next);
    assertEquals(List.of("a"), names(next.spans()));
    assertEquals(1.0, fixture.metrics.value("homeostat_processor_sampling_early_decisions_total",
        "processor", "sampling"));
    assertEquals(2.0, fixture.metrics.value("homeostat_processor_sampling_held_traces",
        "processor", "sampling"));
  }

  @Test
  void pastMaxSpansTheOldestTracesAreDecidedEarly() {
    Processor sampler = tail("ratio: 1, max_spans: 3");
    sampler.process(traces(span(A, "a1"), span(A, "a2")), answers.ack(), next);
    sampler.process(traces(span(B, "b1")), answers.ack(), next);
    assertEquals(List.of(), next.spans());
    sampler.process(traces(span(C, "c1")), answers.ack(), next);
    assertEquals(List.of("a1", "a2"), names(next.spans()));
    assertEquals(2.0, fixture.metrics.value("homeostat_processor_sampling_held_spans",
        "processor", "sampling"));
  }

  @Test
  void flushDecidesEveryHeldTrace() {
    Processor sampler = tail("ratio: 0.5");
    sampler.process(traces(span(SAMPLED, "kept"), span(A, "dropped")), answers.ack(), next);
    sampler.flush(next);
    assertEquals(List.of("kept"), names(next.spans()));
    assertEquals(1.0, fixture.dropped(Signal.TRACES));
  }

  @Test
  void tracesDecidedTogetherLeaveInOneRequestWithTheirResourcesMerged() {
    Processor sampler = tail("ratio: 1");
    sampler.process(traces(span(A, "a")), answers.ack(), next);
    sampler.process(traces(span(B, "b")), answers.ack(), next);
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of(traces(span(A, "a"), span(B, "b"))), next.requests);
  }

  @Test
  void whatTheExportersRefuseIsOfferedAgainAtTheNextTick() {
    Processor sampler = tail("ratio: 1");
    sampler.process(traces(span(A, "a")), answers.ack(), next);
    next.full = true;
    fixture.advanceSeconds(10);
    tick(sampler);
    assertEquals(List.of(), next.requests);
    next.full = false;
    tick(sampler);
    assertEquals(List.of("a"), names(next.spans()));
    assertEquals(0.0, fixture.dropped(Signal.TRACES));
  }

  @Test
  void spansWithoutATraceIdPassAtOnce() {
    Processor sampler = tail("ratio: 0");
    sampler.process(traces(span(ByteString.EMPTY, "no-id"), span(A, "held")), answers.ack(), next);
    assertEquals(List.of("no-id"), names(next.spans()));
  }

  @Test
  void ticksComeEveryTenthOfTheWait() {
    assertEquals(java.time.Duration.ofSeconds(1), tail("ratio: 1").tickInterval());
    assertEquals(java.time.Duration.ofMillis(200),
        fixture.create(Signal.TRACES, "{mode: tail, decision_wait: 2s}").tickInterval());
  }

  @Test
  void logsWaitForTheirTracesDecisionAndFollowIt() {
    Processor spans = tail("ratio: 0.5");
    Processor logs = fixture.create(Signal.LOGS, "{mode: tail, decision_wait: 10s, ratio: 0.5}");
    Capture logsOut = new Capture();
    spans.process(traces(span(SAMPLED, "kept"), span(A, "dropped")), answers.ack(), next);
    logs.process(logs(log(SAMPLED, "of-kept"), log(A, "of-dropped"), log(ByteString.EMPTY, "no-trace")),
        answers.ack(), logsOut);
    assertEquals(List.of("no-trace"), bodies(logsOut.logRecords()));
    fixture.advanceSeconds(10);
    spans.onTick(fixture.now, next);
    logs.onTick(fixture.now, logsOut);
    assertEquals(List.of("no-trace", "of-kept"), bodies(logsOut.logRecords()));
    logs.process(logs(log(SAMPLED, "late-of-kept"), log(A, "late-of-dropped")), answers.ack(), logsOut);
    assertEquals(List.of("no-trace", "of-kept", "late-of-kept"), bodies(logsOut.logRecords()));
    assertEquals(2.0, fixture.dropped(Signal.LOGS));
  }

  @Test
  void aLogWhoseTraceIsNeverDecidedIsDecidedAloneAfterTheWait() {
    Processor logs = fixture.create(Signal.LOGS, "{mode: tail, decision_wait: 10s, ratio: 0.5}");
    logs.process(logs(log(SAMPLED, "sampled"), log(A, "not")), answers.ack(), next);
    fixture.advanceSeconds(10);
    logs.onTick(fixture.now, next);
    assertEquals(List.of(), next.requests, "held two ticks longer than spans");
    fixture.advanceSeconds(2);
    logs.onTick(fixture.now, next);
    assertEquals(List.of("sampled"), bodies(next.logRecords()));
  }

  private static List<String> bodies(List<LogRecord> records) {
    return records.stream().map(r -> r.getBody().getStringValue()).toList();
  }
}
