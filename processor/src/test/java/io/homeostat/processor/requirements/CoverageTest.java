package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.service;
import static io.homeostat.processor.requirements.Harness.span;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import org.junit.jupiter.api.Test;

/** homeostat_req_tagging_coverage and homeostat_req_records_total. */
class CoverageTest {

  private final Harness harness = new Harness();
  private final Harness.Capture next = new Harness.Capture();

  private double records(String service, String source) {
    return harness.metrics.value("homeostat_req_records_total", "signal", "traces", "service",
        service, "source", source);
  }

  private double coverage(String signal, String service) {
    return harness.metrics.value("homeostat_req_tagging_coverage", "signal", signal, "service", service);
  }

  @Test
  void coverageIsTheShareOfRecordsThatLeftWithAKeyPerSignalAndService() {
    Processor processor = harness.processor(Signal.TRACES, "");
    send(processor, Harness.traces(service("cart"), span("a", 1, 1, 0, attribute("req", "REQ-A")),
        span("b", 2, 1, 0, attribute("req_id", "REQ-B")), span("c", 3, 1, 0, attribute("req", "bad")),
        span("d", 4, 1, 0)), next);
    send(processor, Harness.traces(service("auth"), span("e", 5, 1, 0, attribute("req", "REQ-E"))), next);
    assertEquals(0.5, coverage("traces", "cart"));
    assertEquals(1.0, coverage("traces", "auth"));
    assertEquals(1.0, records("cart", "record"));
    assertEquals(1.0, records("cart", "alias"));
    assertEquals(1.0, records("cart", "invalid"));
    assertEquals(2.0, records("cart", "untagged"));
    assertEquals(Double.NaN, records("cart", "rule"), "a source never seen has no series");
    assertEquals(Double.NaN, coverage("logs", "cart"));
  }

  @Test
  void instancesOfOneSignalAddUp() {
    Processor first = harness.processor("requirements/a", Signal.TRACES, "");
    Processor second = harness.processor("requirements/b", Signal.TRACES, "");
    send(first, Harness.traces(span("a", 1, 1, 0, attribute("req", "REQ-A"))), next);
    send(second, Harness.traces(span("b", 2, 1, 0)), next);
    assertEquals(0.5, coverage("traces", "checkout"));
  }

  @Test
  void recordsWithoutAServiceNameAreUnknownService() {
    Processor processor = harness.processor(Signal.TRACES, "");
    send(processor, Harness.traces(Resource.getDefaultInstance(), span("a", 1, 1, 0)), next);
    assertEquals(0.0, coverage("traces", "unknown_service"));
  }

  @Test
  void pastAThousandServicesTheRestAreCountedAsOther() {
    Processor processor = harness.processor(Signal.TRACES, "");
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    for (int i = 0; i <= Coverage.MAX_SERVICES + 1; i++) {
      request.addResourceSpans(ResourceSpans.newBuilder().setResource(service("service-" + i))
          .addScopeSpans(ScopeSpans.newBuilder().addSpans(span("a", i + 1, 1, 0, attribute("req", "REQ-A")))));
    }
    send(processor, request.build(), next);
    assertEquals(1.0, records("service-999", "record"));
    assertEquals(2.0, records("other", "record"));
    assertEquals(Double.NaN, records("service-1000", "record"));
  }
}
