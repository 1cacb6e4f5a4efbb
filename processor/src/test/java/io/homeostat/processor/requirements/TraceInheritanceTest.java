package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.MILLIS;
import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.log;
import static io.homeostat.processor.requirements.Harness.logs;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.span;
import static io.homeostat.processor.requirements.Harness.strings;
import static io.homeostat.processor.requirements.Harness.traces;
import static io.homeostat.processor.requirements.Harness.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Catalog;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Spans take the keys of their nearest tagged ancestor and log records those of their span, from
 * the same request, an earlier one, or a later one within the wait.
 */
class TraceInheritanceTest {

  private final Harness harness = new Harness();
  private final Harness.Capture next = new Harness.Capture();
  private final TracedProcessor<?> spans = (TracedProcessor<?>) harness.processor(Signal.TRACES, "");

  /** Each span's name and the keys it left with. */
  private Map<String, AnyValue> keys() {
    return next.spans().stream().collect(Collectors.toMap(Span::getName,
        s -> value(s.getAttributesList(), "req")));
  }

  private static Span parent() {
    return span("GET /checkout", 1, 1, 0, attribute("req", "REQ-F-CHECKOUT-001"));
  }

  @Test
  void childrenInTheSameRequestInheritWhateverTheOrder() {
    send(spans, traces(span("grandchild", 1, 3, 2), span("child", 1, 2, 1), parent(),
        span("sibling", 1, 4, 1)), next);
    assertEquals(Map.of("GET /checkout", strings("REQ-F-CHECKOUT-001"),
        "child", strings("REQ-F-CHECKOUT-001"), "grandchild", strings("REQ-F-CHECKOUT-001"),
        "sibling", strings("REQ-F-CHECKOUT-001")), keys());
    assertEquals(3.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "checkout", "source", "trace"));
  }

  @Test
  void theNearestTaggedAncestorWins() {
    send(spans, traces(parent(), span("service call", 1, 2, 1, attribute("req", "REQ-F-PAY-003")),
        span("db", 1, 3, 2)), next);
    assertEquals(strings("REQ-F-PAY-003"), keys().get("db"));
  }

  @Test
  void aChildTakesTheKeysOfAParentFromAnEarlierRequest() {
    send(spans, traces(parent()), next);
    Span child = span("child", 1, 2, 1, attribute("db.system", "postgresql"));
    assertEquals(Outcome.ACCEPTED, send(spans, traces(child), next));
    assertEquals(List.of(attribute("db.system", "postgresql"), attribute("req", "REQ-F-CHECKOUT-001")),
        next.spans().get(1).getAttributesList());
    assertEquals(0, spans.held());
  }

  @Test
  void aChildWhoseParentHasNotArrivedIsHeldAndLeavesWithTheParentsKeys() {
    List<Outcome> outcomes = new ArrayList<>();
    spans.process(traces(span("child", 1, 2, 1), span("grandchild", 1, 3, 2), span("other", 9, 5, 0,
        attribute("req", "REQ-X"))), Ack.of(outcomes::add), next);
    assertEquals(List.of(Outcome.ACCEPTED), outcomes, "the client is answered at once");
    assertEquals(List.of("other"), next.spans().stream().map(Span::getName).toList());
    assertEquals(2, spans.held());

    send(spans, traces(parent()), next);
    assertEquals(0, spans.held());
    assertEquals(List.of("other", "GET /checkout", "child", "grandchild"),
        next.spans().stream().map(Span::getName).toList());
    assertEquals(strings("REQ-F-CHECKOUT-001"), keys().get("grandchild"));
    assertEquals(3, next.requests.size(), "the held spans leave together, in a request of their own");
  }

  @Test
  void heldSpansLeaveWithTheGlobalTagsOfTheirResource() {
    harness.catalog = new Catalog(Path.of("observability.yml"), Map.of(),
        Map.of(), List.of(), Map.of("deployment.environment", "production"), null);
    send(spans, traces(span("child", 1, 2, 1)), next);
    assertEquals(1, spans.held());

    send(spans, traces(parent()), next);

    assertEquals(0, spans.held());
    Message released = next.requests.get(next.requests.size() - 1);
    assertEquals("child", Harness.spans(released).get(0).getName());
    assertEquals("production", KeyValues.getString(((ExportTraceServiceRequest) released)
        .getResourceSpans(0).getResource().getAttributesList(), "deployment.environment"));
  }

  @Test
  void heldRecordsLeaveUntaggedOnceTheyHaveWaitedTheirTime() {
    send(spans, traces(span("child", 1, 2, 1)), next);
    Duration tick = spans.tickInterval();
    assertEquals(Duration.ofMillis(100), tick);
    long arrived = harness.now;
    spans.onTick(arrived + Duration.ofSeconds(2).minus(tick).toNanos() - 1, next);
    assertEquals(1, spans.held());
    spans.onTick(arrived + Duration.ofSeconds(2).minus(tick).toNanos(), next);
    assertEquals(0, spans.held());
    assertEquals(Map.of("child", strings("REQ-UNTAGGED")), keys());
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "checkout", "source", "untagged"));
  }

  @Test
  void aRecordThatWaitedLongEnoughIsLetGoByTheNextRequestToo() {
    send(spans, traces(span("child", 1, 2, 1)), next);
    harness.now += 2_000 * MILLIS;
    send(spans, traces(span("unrelated", 5, 5, 0, attribute("req", "REQ-X"))), next);
    assertEquals(Map.of("unrelated", strings("REQ-X"), "child", strings("REQ-UNTAGGED")), keys());
  }

  @Test
  void pastTheBudgetTheOldestHeldRecordsLeaveWithWhatIsKnown() {
    TracedProcessor<?> small = (TracedProcessor<?>) harness.processor("requirements/small",
        Signal.TRACES, "trace_inheritance: { max_held_spans: 2 }");
    send(small, traces(span("first", 1, 2, 1), span("second", 1, 3, 1)), next);
    send(small, traces(span("third", 1, 4, 1)), next);
    assertEquals(2, small.held());
    assertEquals(Map.of("first", strings("REQ-UNTAGGED")), keys());
    send(small, traces(parent()), next);
    assertEquals(strings("REQ-F-CHECKOUT-001"), keys().get("second"));
    assertEquals(strings("REQ-F-CHECKOUT-001"), keys().get("third"));
  }

  @Test
  void flushLetsEverythingGo() {
    send(spans, traces(span("child", 1, 2, 1), span("grandchild", 1, 3, 2)), next);
    spans.flush(next);
    assertEquals(0, spans.held());
    assertEquals(Map.of("child", strings("REQ-UNTAGGED"), "grandchild", strings("REQ-UNTAGGED")), keys());
  }

  @Test
  void descendantsOfARootWithoutKeysLeaveAtOnce() {
    send(spans, traces(span("child", 1, 2, 1)), next);
    send(spans, traces(span("untagged root", 1, 1, 0)), next);
    assertEquals(0, spans.held());
    assertEquals(Map.of("untagged root", strings("REQ-UNTAGGED"), "child", strings("REQ-UNTAGGED")), keys());
  }

  @Test
  void aParentTaggedByARulePassesItsKeysOn() {
    Processor ruled = harness.processor("requirements/ruled", Signal.TRACES, """
        rules: [{ req: REQ-F-AUTH-001, match: { span_names: ["POST /login"] } }]
        """);
    send(ruled, traces(span("POST /login", 1, 1, 0), span("SELECT users", 1, 2, 1)), next);
    assertEquals(strings("REQ-F-AUTH-001"), keys().get("SELECT users"));
  }

  @Test
  void spansAreOnlyLinkedWithinTheirTrace() {
    send(spans, traces(parent()), next);
    send(spans, traces(span("other trace", 2, 2, 1)), next);
    assertEquals(1, spans.held());
  }

  @Test
  void aParentForgottenAfterTheCacheTtlPassesNothingOn() {
    TracedProcessor<?> brief = (TracedProcessor<?>) harness.processor("requirements/brief",
        Signal.TRACES, "trace_inheritance: { cache_ttl: 1s, wait: 0s }");
    send(brief, traces(parent()), next);
    harness.now += 1_001 * MILLIS;
    send(brief, traces(span("late child", 1, 2, 1)), next);
    assertEquals(strings("REQ-UNTAGGED"), keys().get("late child"));
  }

  @Test
  void withNoWaitOrWithInheritanceOffNothingIsHeld() {
    Processor noWait = harness.processor("requirements/now", Signal.TRACES,
        "trace_inheritance: { wait: 0s }");
    Processor off = harness.processor("requirements/off", Signal.TRACES,
        "trace_inheritance: { enabled: false }");
    send(noWait, traces(parent(), span("known", 1, 2, 1), span("unknown", 1, 3, 7)), next);
    send(off, traces(span("GET /", 2, 1, 0, attribute("req", "REQ-A")), span("off", 2, 2, 1)), next);
    assertEquals(strings("REQ-F-CHECKOUT-001"), keys().get("known"));
    assertEquals(strings("REQ-UNTAGGED"), keys().get("unknown"));
    assertEquals(strings("REQ-UNTAGGED"), keys().get("off"));
    assertEquals(Duration.ZERO, noWait.tickInterval());
    assertEquals(Duration.ZERO, off.tickInterval());
  }

  @Test
  void heldSpansTheExportersRefuseAreOfferedAgainAtTheNextTick() {
    send(spans, traces(span("child", 1, 2, 1)), next);
    List<Message> taken = new ArrayList<>();
    boolean[] full = {true};
    Downstream exporters = (request, ack) -> {
      if (full[0] && request != null && Harness.spans(request).get(0).getName().equals("child")) {
        ack.release(new Outcome.Refused(Duration.ofSeconds(1), "queue full"));
      } else {
        taken.add(request);
        ack.accept();
      }
    };
    send(spans, traces(parent()), exporters);
    assertEquals(1, taken.size());
    full[0] = false;
    spans.onTick(harness.now, exporters);
    assertEquals(List.of("child"), Harness.spans(taken.get(1)).stream().map(Span::getName).toList());
  }

  @Test
  void aLogRecordIsHeldUntilItsSpanPassesTheTracesPipeline() {
    TracedProcessor<?> logProcessor = (TracedProcessor<?>) harness.processor(Signal.LOGS, "");
    Harness.Capture logged = new Harness.Capture();
    assertEquals(Outcome.ACCEPTED, send(logProcessor, logs(log("payment declined", 1, 2),
        log("no trace", 0, 0), log("tagged", 1, 2, attribute("req", "REQ-OWN"))), logged));
    assertEquals(List.of("no trace", "tagged"), bodies(logged.logs()));
    assertEquals(1, logProcessor.held());

    send(spans, traces(span("child", 1, 2, 1), parent()), next);
    logProcessor.onTick(harness.now, logged);
    assertEquals(0, logProcessor.held());
    LogRecord declined = logged.logs().get(2);
    assertEquals("payment declined", declined.getBody().getStringValue());
    assertEquals(strings("REQ-F-CHECKOUT-001"), value(declined.getAttributesList(), "req"));
    assertEquals(strings("REQ-UNTAGGED"), value(logged.logs().get(0).getAttributesList(), "req"));
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "logs",
        "service", "checkout", "source", "trace"));
  }

  @Test
  void aLogRecordWhoseSpanAlreadyPassedInheritsAtOnce() {
    Processor logProcessor = harness.processor(Signal.LOGS, "");
    send(spans, traces(parent()), next);
    Harness.Capture logged = new Harness.Capture();
    send(logProcessor, logs(log("in the server span", 1, 1)), logged);
    assertEquals(strings("REQ-F-CHECKOUT-001"), value(logged.logs().get(0).getAttributesList(), "req"));
  }

  @Test
  void logRecordsNeverWaitWhenNoTracesPipelineRunsTheProcessor() {
    TracedProcessor<?> alone = (TracedProcessor<?>) harness.processor("requirements/logs_only",
        Signal.LOGS, "");
    Harness.Capture logged = new Harness.Capture();
    send(alone, logs(log("payment declined", 1, 2)), logged);
    assertEquals(0, alone.held());
    assertEquals(strings("REQ-UNTAGGED"), value(logged.logs().get(0).getAttributesList(), "req"));
  }

  @Test
  void rejectNeverHoldsAndUsesOnlyWhatIsKnown() {
    Processor strict = harness.processor("requirements/strict", Signal.TRACES, "on_missing: reject");
    send(strict, traces(parent()), next);
    assertEquals(Outcome.ACCEPTED, send(strict, traces(span("known parent", 1, 2, 1)), next));
    Outcome refused = send(strict, traces(span("unknown parent", 1, 3, 99)), next);
    assertTrue(refused instanceof Outcome.Invalid, String.valueOf(refused));
    assertEquals(Duration.ZERO, strict.tickInterval());
  }

  private static List<String> bodies(List<LogRecord> records) {
    return records.stream().map(r -> r.getBody().getStringValue()).toList();
  }
}
