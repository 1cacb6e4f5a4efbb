package io.homeostat.processor.resource;

import static io.homeostat.processor.support.Records.attr;
import static io.homeostat.processor.support.Records.logs;
import static io.homeostat.processor.support.Records.metrics;
import static io.homeostat.processor.support.Records.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.support.ProcessorHarness;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceProcessorTest {

  private static final String YAML = """
      processor:
        attributes:
          - {key: deployment.environment, action: upsert, value: production}
          - {key: host.name, action: hash}
          - {key: process.pid, action: delete}
      """;

  private static final Resource HOST = Resource.newBuilder().addAttributes(attr("service.name", "auth"))
      .addAttributes(attr("host.name", "db-7")).addAttributes(attr("process.pid", 4242))
      .addAttributes(attr("deployment.environment", "staging")).build();

  private static List<Resource> resources(Message request) {
    List<Resource> seen = new ArrayList<>();
    Rewrites.resources(request, resource -> {
      seen.add(resource);
      return resource;
    });
    return seen;
  }

  @Test
  void theActionsApplyToTheResourceOfEverySignal() {
    Resource expected = Resource.newBuilder().addAttributes(attr("service.name", "auth"))
        .addAttributes(attr("host.name", "4c82f5f8eb1ecc2128c6d805c1cd83c271348fbe2cf850804a24afc0a45d3307"))
        .addAttributes(attr("deployment.environment", "production")).build();
    for (Signal signal : Signal.values()) {
      Message request = switch (signal) {
        case TRACES -> traces(HOST, Span.newBuilder().setName("s").build());
        case METRICS -> metrics(HOST, Metric.newBuilder().setName("m").setGauge(Gauge.getDefaultInstance()).build());
        case LOGS -> logs(HOST, LogRecord.getDefaultInstance());
      };
      Message out = ProcessorHarness.create(new ResourceProcessorFactory(), signal, YAML).run(request).single();
      assertEquals(List.of(expected), resources(out), signal.name());
    }
  }

  @Test
  void aResourceTheActionsLeaveAloneKeepsTheRequest() {
    Resource done = Resource.newBuilder().addAttributes(attr("deployment.environment", "production")).build();
    var request = traces(done, Span.newBuilder().setName("s").build());
    assertSame(request, ProcessorHarness.create(new ResourceProcessorFactory(), Signal.TRACES, YAML).run(request).single());
  }

  @Test
  void theAttributesListIsRequiredAndEachActionChecked() {
    assertEquals(List.of("p.yaml:1:12: processor.attributes: is required: list what to do, such as"
            + " [{key: deployment.environment, action: upsert, value: production}]"),
        ProcessorHarness.problems(new ResourceProcessorFactory(), "processor: {}\n"));
    assertEquals(List.of("p.yaml:2:33: processor.attributes[0].action: unknown action 'set': use insert, update,"
            + " upsert, delete, hash, extract or convert"),
        ProcessorHarness.problems(new ResourceProcessorFactory(), "processor:\n  attributes: [{key: a, action: set, value: b}]\n"));
  }
}
