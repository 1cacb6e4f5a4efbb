package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.log;
import static io.homeostat.processor.requirements.Harness.logs;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.service;
import static io.homeostat.processor.requirements.Harness.span;
import static io.homeostat.processor.requirements.Harness.strings;
import static io.homeostat.processor.requirements.Harness.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys records carry: folded into the canonical attribute, split, checked against the pattern. */
class NormalisationTest {

  private final Harness harness = new Harness();
  private final Harness.Capture next = new Harness.Capture();
  private final Processor spans = harness.processor(Signal.TRACES, "");

  private Span only(ExportTraceServiceRequest request) {
    assertEquals(Outcome.ACCEPTED, send(spans, request, next));
    return next.spans().get(next.spans().size() - 1);
  }

  @Test
  void aRequestWhoseRecordsCarryValidKeysPassesAsTheSameInstance() {
    ExportTraceServiceRequest request = traces(
        span("GET /cart", 1, 1, 0, attribute("req", "REQ-F-CART-002"), attribute("http.route", "/cart")),
        span("SELECT", 1, 2, 1, attribute("req", strings("REQ-F-CART-002", "REQ-NFR-PERF-001"))));
    assertEquals(Outcome.ACCEPTED, send(spans, request, next));
    assertSame(request, next.requests.get(0));
  }

  @Test
  void anAliasIsFoldedIntoTheCanonicalKeyWhereItWas() {
    Span out = only(traces(span("POST /login", 1, 1, 0, attribute("http.method", "POST"),
        attribute("requirement", "REQ-F-AUTH-001"), attribute("user", "u-1"))));
    assertEquals(List.of(attribute("http.method", "POST"), attribute("req", "REQ-F-AUTH-001"),
        attribute("user", "u-1")), out.getAttributesList());
  }

  @Test
  void keysUnderTheCanonicalKeyAndAliasesAreMergedInOrderWithoutRepeats() {
    Span out = only(traces(span("POST /login", 1, 1, 0, attribute("req_id", "REQ-C"),
        attribute("req", "REQ-A"), attribute("req.id", "REQ-B, REQ-A"))));
    assertEquals(List.of(attribute("req", strings("REQ-A", "REQ-B", "REQ-C"))), out.getAttributesList());
  }

  @Test
  void severalKeysInOneStringBecomeAnArrayOfStrings() {
    Span out = only(traces(span("POST /login", 1, 1, 0, attribute("req", "REQ-A,REQ-B"))));
    assertEquals(List.of(attribute("req", strings("REQ-A", "REQ-B"))), out.getAttributesList());
  }

  @Test
  void anInvalidValueMovesToReqInvalidAndTheRecordCountsAsMissing() {
    Span out = only(traces(span("POST /login", 1, 1, 0, attribute("req", "login-feature"))));
    assertEquals(List.of(attribute("req", "REQ-UNTAGGED"), attribute("req.invalid", "login-feature")),
        out.getAttributesList());
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "checkout", "source", "invalid"));
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "checkout", "source", "untagged"));
  }

  @Test
  void invalidValuesBesideAValidKeyAreSetAsideAndTheValidKeyKept() {
    Span out = only(traces(span("POST /login", 1, 1, 0, attribute("req", "REQ-A"),
        attribute("req_id", "auth"))));
    assertEquals(List.of(attribute("req", "REQ-A"), attribute("req.invalid", "auth")),
        out.getAttributesList());
  }

  @Test
  void theUntaggedMarkerOfAnEarlierStageIsKeptWhenNothingBetterIsFound() {
    ExportTraceServiceRequest request = traces(span("GET /", 1, 1, 0, attribute("req", "REQ-UNTAGGED")));
    assertEquals(Outcome.ACCEPTED, send(spans, request, next));
    assertSame(request, next.requests.get(0));
  }

  @Test
  void aRecordWithoutItsOwnKeyTakesItsScopesThenItsResources() {
    Resource resource = Resource.newBuilder().addAttributes(attribute("service.name", "auth"))
        .addAttributes(attribute("requirement", "REQ-RESOURCE")).build();
    InstrumentationScope tagged = InstrumentationScope.newBuilder().setName("auth.login")
        .addAttributes(attribute("req", "REQ-SCOPE")).build();
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource)
            .addScopeSpans(ScopeSpans.newBuilder().setScope(tagged)
                .addSpans(span("a", 1, 1, 0)).addSpans(span("b", 1, 2, 0, attribute("req", "REQ-OWN"))))
            .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("c", 1, 3, 0))))
        .build();
    assertEquals(Outcome.ACCEPTED, send(spans, request, next));
    assertEquals(List.of(strings("REQ-SCOPE"), strings("REQ-OWN"), strings("REQ-RESOURCE")),
        next.spans().stream().map(s -> Harness.value(s.getAttributesList(), "req")).toList());
    assertEquals(resource, ((ExportTraceServiceRequest) next.requests.get(0)).getResourceSpans(0).getResource());
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "auth", "source", "alias"));
    assertEquals(2.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "auth", "source", "record"));
  }

  @Test
  void anInvalidResourceKeyIsIgnored() {
    Resource resource = Resource.newBuilder().addAttributes(attribute("service.name", "auth"))
        .addAttributes(attribute("req", "auth")).build();
    Span out = only(traces(resource, span("a", 1, 1, 0)));
    assertEquals(List.of(attribute("req", "REQ-UNTAGGED")), out.getAttributesList());
  }

  @Test
  void logRecordsAndDataPointsAreNormalisedTheSameWay() {
    Processor logProcessor = harness.processor(Signal.LOGS, "");
    send(logProcessor, logs(log("saved", 0, 0, attribute("req_id", "REQ-A REQ-B"))), next);
    assertEquals(List.of(attribute("req", strings("REQ-A", "REQ-B"))), next.logs().get(0).getAttributesList());
  }

  @Test
  void theKeyAliasesAndPatternAreConfigurable() {
    Processor custom = harness.processor("requirements/custom", Signal.TRACES, """
        key: requirement.id
        aliases: [ticket]
        pattern: '^[A-Z]+-[0-9]+$'
        untagged_value: NONE-0
        """);
    send(custom, traces(service("checkout"), span("a", 1, 1, 0, attribute("ticket", "AUTH-12")),
        span("b", 1, 2, 0, attribute("req", "REQ-A"))), next);
    assertEquals(List.of(List.of(attribute("requirement.id", "AUTH-12")),
            List.of(attribute("req", "REQ-A"), attribute("requirement.id", "NONE-0"))),
        next.spans().stream().map(Span::getAttributesList).toList());
  }
}
