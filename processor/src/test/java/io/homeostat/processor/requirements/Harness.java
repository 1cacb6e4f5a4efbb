package io.homeostat.processor.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Lifecycle;
import io.homeostat.core.component.SharedState;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.MetricDefinition;
import io.homeostat.core.req.Requirement;
import io.homeostat.core.req.TagRule;
import io.homeostat.core.telemetry.MetricRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Processors of one server as the tests see it: one metric registry and shared state, a clock the
 * test moves by hand, a catalog the test sets, and the pipeline after the processor as a capture.
 */
final class Harness {

  static final long MILLIS = 1_000_000L;

  final MetricRegistry metrics = new MetricRegistry();
  final SharedState shared = new SharedState();
  long now = 1_000 * MILLIS;
  Catalog catalog = Catalog.EMPTY;

  /** The processor {@code id} of a pipeline of {@code signal}, configured by {@code yaml}. */
  Processor processor(String id, Signal signal, String yaml) {
    ComponentSettings settings = new ComponentSettings(ComponentId.parse(id), metrics, Path.of("."), shared);
    return RequirementsProcessorFactory.create(settings, signal, config(yaml), () -> catalog,
        new Lifecycle() { }, () -> now);
  }

  Processor processor(Signal signal, String yaml) {
    return processor("requirements", signal, yaml);
  }

  /** Binds the processor's YAML (its keys at the top level) and fails on any problem. */
  static RequirementsConfig config(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    RequirementsConfig config = bind(yaml, problems);
    assertEquals(List.of(), problems.all());
    return config;
  }

  /** Binds {@code yaml} as {@code processors.requirements}, leaving problems in {@code problems}. */
  static RequirementsConfig bind(String yaml, ConfigProblems problems) {
    String indented = yaml.isBlank() ? " {}" : "\n" + yaml.indent(4);
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("homeostat.yaml", new StringReader("processors:\n  requirements:" + indented), problems);
    ConfigNode processors = root.get("processors");
    return new ConfigBinder(problems).bind(((ConfigNode.MapNode) processors).get("requirements"),
        RequirementsConfig.class, RequirementsConfig.DEFAULT);
  }

  /** Binds a match written in YAML flow style, such as {@code { services: [auth] }}. */
  static MatchConfig match(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("match.yaml", new StringReader("match: " + yaml), problems);
    MatchConfig match = new ConfigBinder(problems).bind(root.get("match"), MatchConfig.class, null);
    assertEquals(List.of(), problems.all());
    return match;
  }

  /** A catalog of {@code requirements}, metric definitions and rules. */
  static Catalog catalog(List<Requirement> requirements, List<MetricDefinition> metrics,
      List<TagRule> rules) {
    Map<String, Requirement> byId = new LinkedHashMap<>();
    requirements.forEach(r -> byId.put(r.id(), r));
    Map<String, MetricDefinition> byName = new LinkedHashMap<>();
    metrics.forEach(m -> byName.put(m.name(), m));
    return new Catalog(Path.of("requirements.yaml"), byId, byName, rules, Map.of(), null);
  }

  /** What reached the rest of the pipeline; takes everything. */
  static final class Capture implements Downstream {
    final List<Message> requests = new ArrayList<>();

    @Override
    public void accept(Message request, Ack ack) {
      requests.add(request);
      ack.accept();
    }

    List<Span> spans() {
      List<Span> spans = new ArrayList<>();
      for (Message request : requests) {
        if (request instanceof ExportTraceServiceRequest) {
          spans.addAll(Harness.spans(request));
        }
      }
      return spans;
    }

    List<LogRecord> logs() {
      List<LogRecord> logs = new ArrayList<>();
      for (Message request : requests) {
        if (!(request instanceof ExportLogsServiceRequest)) {
          continue;
        }
        for (ResourceLogs resource : ((ExportLogsServiceRequest) request).getResourceLogsList()) {
          for (ScopeLogs scope : resource.getScopeLogsList()) {
            logs.addAll(scope.getLogRecordsList());
          }
        }
      }
      return logs;
    }
  }

  /** Sends {@code request} through {@code processor}; returns the client's answer (null: none yet). */
  static Outcome send(Processor processor, Message request, Downstream next) {
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    processor.process(request, Ack.of(outcome::set), next);
    return outcome.get();
  }

  static List<Span> spans(Message request) {
    List<Span> spans = new ArrayList<>();
    for (ResourceSpans resource : ((ExportTraceServiceRequest) request).getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        spans.addAll(scope.getSpansList());
      }
    }
    return spans;
  }

  static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(KeyValues.string(value)).build();
  }

  static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static AnyValue strings(String... values) {
    return KeyValues.strings(List.of(values));
  }

  static Resource service(String name) {
    return Resource.newBuilder().addAttributes(attribute("service.name", name)).build();
  }

  static ByteString traceId(long id) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, id).array());
  }

  static ByteString spanId(long id) {
    return id == 0 ? ByteString.EMPTY : ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
  }

  /** A span of trace {@code trace} with id {@code id} and parent {@code parent} (0: a root). */
  static Span span(String name, long trace, long id, long parent, KeyValue... attributes) {
    return Span.newBuilder().setName(name).setTraceId(traceId(trace)).setSpanId(spanId(id))
        .setParentSpanId(spanId(parent)).addAllAttributes(List.of(attributes)).build();
  }

  static ExportTraceServiceRequest traces(Resource resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }

  static ExportTraceServiceRequest traces(Span... spans) {
    return traces(service("checkout"), spans);
  }

  /** A log record in span {@code span} of trace {@code trace} (0: outside any span). */
  static LogRecord log(String body, long trace, long span, KeyValue... attributes) {
    LogRecord.Builder record = LogRecord.newBuilder().setBody(KeyValues.string(body))
        .addAllAttributes(List.of(attributes));
    if (trace != 0) {
      record.setTraceId(traceId(trace)).setSpanId(spanId(span));
    }
    return record.build();
  }

  static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(service("checkout"))
        .addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
  }

  static ExportMetricsServiceRequest metrics(Resource resource, Metric... metrics) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(resource).addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics))))
        .build();
  }

  /** The value of {@code key} on a record's attributes, or null. */
  static AnyValue value(List<KeyValue> attributes, String key) {
    return KeyValues.get(attributes, key);
  }
}
