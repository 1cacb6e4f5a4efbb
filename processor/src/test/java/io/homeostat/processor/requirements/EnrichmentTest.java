package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.span;
import static io.homeostat.processor.requirements.Harness.strings;
import static io.homeostat.processor.requirements.Harness.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Requirement;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catalog's facts about a key, copied onto the records that carry it. */
class EnrichmentTest {

  private static final Requirement LOGIN = new Requirement("REQ-F-AUTH-001", "Users log in",
      "INT-100", "docs/auth.md", List.of("ADR-001"), List.of("src/auth"), List.of("BR-001", "BR-002"),
      List.of("C-001"), "auth-team");
  private static final Requirement LATENCY = new Requirement("REQ-NFR-PERF-001", "Login under 500 ms",
      "INT-100", null, null, null, List.of("BR-002"), List.of("C-007"), null);

  private final Harness harness = new Harness();
  private final Harness.Capture next = new Harness.Capture();

  {
    harness.catalog = Harness.catalog(List.of(LOGIN, LATENCY), List.of(), List.of());
  }

  @Test
  void aKeyTheCatalogKnowsBringsItsTitleIntentRulesAndConstraints() {
    Processor processor = harness.processor(Signal.TRACES, "");
    send(processor, traces(span("POST /login", 1, 1, 0, attribute("req", "REQ-F-AUTH-001"))), next);
    assertEquals(List.of(attribute("req", "REQ-F-AUTH-001"), attribute("req.title", "Users log in"),
        attribute("req.intent", "INT-100"), attribute("req.business_rules", strings("BR-001", "BR-002")),
        attribute("req.constraints", "C-001")), next.spans().get(0).getAttributesList());
  }

  @Test
  void severalKeysBringTheirFactsTogetherWithoutRepeats() {
    Processor processor = harness.processor(Signal.TRACES, "enrich: [title, intent, business_rules]");
    send(processor, traces(span("POST /login", 1, 1, 0,
        attribute("req", strings("REQ-F-AUTH-001", "REQ-UNKNOWN", "REQ-NFR-PERF-001")))), next);
    assertEquals(List.of(attribute("req", strings("REQ-F-AUTH-001", "REQ-UNKNOWN", "REQ-NFR-PERF-001")),
        attribute("req.title", strings("Users log in", "Login under 500 ms")),
        attribute("req.intent", "INT-100"), attribute("req.business_rules", strings("BR-001", "BR-002"))),
        next.spans().get(0).getAttributesList());
  }

  @Test
  void onlyTheConfiguredFactsAreCopiedAndNoneForUnknownOrUntaggedRecords() {
    Processor processor = harness.processor(Signal.TRACES, "enrich: [intent]");
    send(processor, traces(span("a", 1, 1, 0, attribute("req", "REQ-F-AUTH-001")),
        span("b", 2, 1, 0, attribute("req", "REQ-UNKNOWN")), span("c", 3, 1, 0)), next);
    assertEquals(List.of(List.of(attribute("req", "REQ-F-AUTH-001"), attribute("req.intent", "INT-100")),
            List.of(attribute("req", "REQ-UNKNOWN")), List.of(attribute("req", "REQ-UNTAGGED"))),
        next.spans().stream().map(s -> s.getAttributesList()).toList());
  }

  @Test
  void aRecordAlreadyEnrichedPassesAsItIsAndStaleFactsAreReplaced() {
    Processor processor = harness.processor(Signal.TRACES, "enrich: [title]");
    ExportTraceServiceRequest enriched = traces(span("a", 1, 1, 0, attribute("req", "REQ-F-AUTH-001"),
        attribute("req.title", "Users log in")));
    send(processor, enriched, next);
    assertSame(enriched, next.requests.get(0));
    send(processor, traces(span("b", 1, 2, 0, attribute("req.title", "Old title"),
        attribute("req", "REQ-F-AUTH-001"))), next);
    assertEquals(List.of(attribute("req", "REQ-F-AUTH-001"), attribute("req.title", "Users log in")),
        next.spans().get(1).getAttributesList());
  }

  @Test
  void aReloadedCatalogIsUsedFromTheNextRequest() {
    Processor processor = harness.processor(Signal.TRACES, "enrich: [title]");
    send(processor, traces(span("a", 1, 1, 0, attribute("req", "REQ-F-AUTH-001"))), next);
    harness.catalog = Harness.catalog(List.of(new Requirement("REQ-F-AUTH-001", "Users sign in",
        null, null, null, null, null, null, null)), List.of(), List.of());
    send(processor, traces(span("b", 1, 2, 0, attribute("req", "REQ-F-AUTH-001"))), next);
    assertEquals(List.of(strings("Users log in"), strings("Users sign in")), next.spans().stream()
        .map(s -> Harness.value(s.getAttributesList(), "req.title")).toList());
  }
}
