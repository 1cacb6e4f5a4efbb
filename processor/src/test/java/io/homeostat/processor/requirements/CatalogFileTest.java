package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.service;
import static io.homeostat.processor.requirements.Harness.span;
import static io.homeostat.processor.requirements.Harness.strings;
import static io.homeostat.processor.requirements.Harness.traces;
import static io.homeostat.processor.requirements.Harness.value;
import static io.homeostat.processor.requirements.InferenceTest.point;
import static io.homeostat.processor.requirements.InferenceTest.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.component.SharedState;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog: FILE}, read through the server's shared {@link io.homeostat.core.req.CatalogStore}. */
class CatalogFileTest {

  @TempDir
  Path dir;

  private final SharedState shared = new SharedState();
  private final Harness.Capture next = new Harness.Capture();

  private Processor processor(Signal signal, String yaml) {
    ComponentSettings settings = new ComponentSettings(ComponentId.of("requirements"),
        new MetricRegistry(), dir, shared);
    return new RequirementsProcessorFactory().create(settings, signal, Harness.config(yaml));
  }

  @Test
  void aTeamsObservabilityFileMapsMetricNamesToRequirements() throws Exception {
    Files.writeString(dir.resolve("observability.yml"), """
        version: 1
        telemetry:
          metrics:
            - { name: login_attempts, requirement: REQ-F-AUTH-001, business_rule: BR-001 }
            - { name: password_resets, requirement: [REQ-F-AUTH-001, REQ-F-AUTH-003] }
        dashboards: [{ title: Login }]
        """);
    Processor processor = processor(Signal.METRICS, "catalog: observability.yml");
    processor.start();
    ExportMetricsServiceRequest request = Harness.metrics(service("auth-service"),
        sum("login_attempts", point("status", "success")), sum("password_resets", point("k", "v")));
    send(processor, request, next);
    processor.shutdown(Deadline.in(Duration.ofSeconds(5)));
    var metrics = ((ExportMetricsServiceRequest) next.requests.get(0)).getResourceMetrics(0)
        .getScopeMetrics(0).getMetricsList();
    assertEquals(strings("REQ-F-AUTH-001"),
        value(metrics.get(0).getSum().getDataPoints(0).getAttributesList(), "req"));
    assertEquals(strings("REQ-F-AUTH-001", "REQ-F-AUTH-003"),
        value(metrics.get(1).getSum().getDataPoints(0).getAttributesList(), "req"));
  }

  @Test
  void globalTagsGoOnTheResourcesOfTheirServiceWhereMissingInEverySignal() throws Exception {
    Files.writeString(dir.resolve("observability.yml"), """
        telemetry:
          global_tags:
            service.name: auth-service
            service.namespace: identity
            deployment.environment: production
        """);
    Processor spans = processor(Signal.TRACES, "catalog: observability.yml");
    Processor metrics = processor(Signal.METRICS, "catalog: observability.yml");
    spans.start();
    metrics.start();
    Resource auth = Resource.newBuilder().addAttributes(attribute("service.name", "auth-service"))
        .addAttributes(attribute("deployment.environment", "staging")).build();
    send(spans, traces(auth, span("POST /login", 1, 1, 0)), next);
    send(spans, traces(service("payments"), span("POST /pay", 2, 2, 0)), next);
    send(metrics, Harness.metrics(service("auth-service"), sum("login_attempts", point("k", "v"))), next);
    spans.shutdown(Deadline.in(Duration.ofSeconds(5)));
    metrics.shutdown(Deadline.in(Duration.ofSeconds(5)));

    List<KeyValue> tagged = ((ExportTraceServiceRequest) next.requests.get(0)).getResourceSpans(0)
        .getResource().getAttributesList();
    assertEquals(List.of(attribute("service.name", "auth-service"),
        attribute("deployment.environment", "staging"), attribute("service.namespace", "identity")),
        tagged, "what the resource has stays; what it lacks is added");
    assertEquals(service("payments"), ((ExportTraceServiceRequest) next.requests.get(1))
        .getResourceSpans(0).getResource(), "another service's resource is left alone");
    assertEquals(List.of(attribute("service.name", "auth-service"),
        attribute("deployment.environment", "production"), attribute("service.namespace", "identity")),
        ((ExportMetricsServiceRequest) next.requests.get(2)).getResourceMetrics(0).getResource()
            .getAttributesList());
  }

  @Test
  void globalTagsWithoutAServiceNameGoOnEveryResource() throws Exception {
    Files.writeString(dir.resolve("observability.yml"), """
        telemetry:
          global_tags: { deployment.environment: production }
        """);
    Processor logs = processor(Signal.LOGS, "catalog: observability.yml");
    logs.start();
    send(logs, Harness.logs(Harness.log("started", 0, 0)), next);
    logs.shutdown(Deadline.in(Duration.ofSeconds(5)));
    assertEquals("production", KeyValues.getString(((ExportLogsServiceRequest) next.requests.get(0))
        .getResourceLogs(0).getResource().getAttributesList(), "deployment.environment"));
  }

  @Test
  void aRequirementsFileGivesRulesAndEnrichmentToEveryPipelineOfTheProcessor() throws Exception {
    Files.writeString(dir.resolve("requirements.yaml"), """
        requirements:
          - { id: REQ-F-AUTH-001, title: User login, intent: INT-100 }
        rules:
          - req: REQ-F-AUTH-001
            match: { services: [auth-service], span_names: ["POST /login"] }
        """);
    Processor spans = processor(Signal.TRACES, "{ catalog: requirements.yaml, enrich: [title, intent] }");
    send(spans, traces(service("auth-service"), span("POST /login", 1, 1, 0)), next);
    assertEquals(List.of(attribute("req", "REQ-F-AUTH-001"), attribute("req.title", "User login"),
        attribute("req.intent", "INT-100")), next.spans().get(0).getAttributesList());
  }

  @Test
  void aMissingCatalogKeepsTheProcessorFromBeingCreated() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> processor(Signal.TRACES, "catalog: missing.yaml"));
    assertEquals(List.of(dir.resolve("missing.yaml").toAbsolutePath() + ": no such catalog file:"
        + " check the path (a relative path starts at the directory of the pipeline config)"),
        e.problems().stream().map(ConfigProblem::toString).toList());
  }
}
