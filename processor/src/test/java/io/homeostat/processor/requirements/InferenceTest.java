package io.homeostat.processor.requirements;

import static io.homeostat.processor.requirements.Harness.attribute;
import static io.homeostat.processor.requirements.Harness.log;
import static io.homeostat.processor.requirements.Harness.logs;
import static io.homeostat.processor.requirements.Harness.match;
import static io.homeostat.processor.requirements.Harness.metrics;
import static io.homeostat.processor.requirements.Harness.send;
import static io.homeostat.processor.requirements.Harness.service;
import static io.homeostat.processor.requirements.Harness.span;
import static io.homeostat.processor.requirements.Harness.strings;
import static io.homeostat.processor.requirements.Harness.traces;
import static io.homeostat.processor.requirements.Harness.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.MetricDefinition;
import io.homeostat.core.req.TagRule;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keys for records without one, in order: the processor's rules, the catalog's rules, the
 * catalog's metric definitions (data points), recorded baggage, then the trace.
 */
class InferenceTest {

  private static final String RULES = """
      rules:
        - req: REQ-F-AUTH-001
          match: { services: [auth-service], span_names: ["POST /login"] }
        - req: [REQ-F-AUTH-002, REQ-NFR-SEC-001]
          match: { services: [auth-service] }
        - req: REQ-F-CART-002
          match: { match_type: regexp, attributes: [{ key: code.function, value: "Cart\\\\..*" }] }
        - req: REQ-F-PAY-003
          match: { metric_names: [payment.amount] }
        - req: REQ-OPS-LOG-001
          match: { log_severity_number_min: 17 }
      """;

  private final Harness harness = new Harness();
  private final Harness.Capture next = new Harness.Capture();

  private List<AnyValue> keysOfSpans() {
    return next.spans().stream().map(s -> value(s.getAttributesList(), "req")).toList();
  }

  @Test
  void theFirstMatchingRuleGivesItsKeys() {
    Processor processor = harness.processor(Signal.TRACES, RULES);
    send(processor, traces(service("auth-service"), span("POST /login", 1, 1, 0),
        span("GET /session", 2, 2, 0)), next);
    send(processor, traces(service("cart"), span("add", 3, 3, 0, attribute("code.function", "Cart.add")),
        span("list", 4, 4, 0, attribute("code.function", "Orders.list"))), next);
    assertEquals(List.of(strings("REQ-F-AUTH-001"), strings("REQ-F-AUTH-002", "REQ-NFR-SEC-001"),
        strings("REQ-F-CART-002"), strings("REQ-UNTAGGED")), keysOfSpans());
    assertEquals(2.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "auth-service", "source", "rule"));
  }

  @Test
  void aRuleAppliesOnlyToTheSignalsWhosePropertiesItNames() {
    String rules = """
        rules:
          - { req: REQ-METRIC, match: { metric_names: [login_attempts] } }
          - { req: REQ-SPAN, match: { span_kinds: [server] } }
          - { req: REQ-ANY, match: { services: [checkout] } }
        """;
    send(harness.processor(Signal.TRACES, rules), traces(span("login_attempts", 1, 1, 0)), next);
    send(harness.processor(Signal.METRICS, rules), metrics(service("checkout"),
        sum("login_attempts", point("k", "v")), sum("other", point("k", "v"))), next);
    send(harness.processor(Signal.LOGS, rules), logs(log("login_attempts", 0, 0)), next);
    assertEquals(List.of(strings("REQ-ANY")), keysOfSpans());
    assertEquals(List.of(strings("REQ-METRIC"), strings("REQ-ANY")), pointKeys());
    assertEquals(List.of(strings("REQ-ANY")),
        next.logs().stream().map(r -> value(r.getAttributesList(), "req")).toList());
  }

  @Test
  void aKeyTheRecordCarriesWinsOverEveryRule() {
    Processor processor = harness.processor(Signal.TRACES, RULES);
    send(processor, traces(service("auth-service"), span("POST /login", 1, 1, 0,
        attribute("req", "REQ-OWN"))), next);
    assertEquals(List.of(strings("REQ-OWN")), keysOfSpans());
  }

  @Test
  void theProcessorsRulesComeBeforeTheCatalogsRules() {
    harness.catalog = Harness.catalog(List.of(), List.of(), List.of(
        new TagRule(List.of("REQ-CAT-001"), match("{ span_names: [\"POST /login\", refund] }")),
        new TagRule(List.of("REQ-CAT-002", "not a key"), match("{ span_names: [refund] }"))));
    Processor processor = harness.processor(Signal.TRACES, RULES);
    send(processor, traces(service("auth-service"), span("POST /login", 1, 1, 0)), next);
    send(processor, traces(service("pay"), span("POST /login", 2, 2, 0), span("refund", 3, 3, 0)), next);
    assertEquals(List.of(strings("REQ-F-AUTH-001"), strings("REQ-CAT-001"), strings("REQ-CAT-001")),
        keysOfSpans());
    assertEquals(2.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "pay", "source", "catalog_rule"));
  }

  @Test
  void rulesComeBeforeBaggageAndBaggageBeforeTheTrace() {
    Processor processor = harness.processor(Signal.TRACES, RULES);
    send(processor, traces(service("auth-service"), span("POST /login", 1, 1, 0,
        attribute("baggage", "req=REQ-BAGGAGE"))), next);
    send(processor, traces(service("cart"), span("GET /", 1, 9, 0, attribute("req", "REQ-PARENT")),
        span("child", 1, 10, 9, attribute("baggage", "userId=alice,req=REQ-BAGGAGE")),
        span("other child", 1, 11, 9)), next);
    assertEquals(List.of(strings("REQ-F-AUTH-001"), strings("REQ-PARENT"), strings("REQ-BAGGAGE"),
        strings("REQ-PARENT")), keysOfSpans());
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "cart", "source", "baggage"));
    assertEquals(1.0, harness.metrics.value("homeostat_req_records_total", "signal", "traces",
        "service", "cart", "source", "trace"));
  }

  @Test
  void baggageCanBeTurnedOff() {
    Processor processor = harness.processor(Signal.TRACES, "baggage: { enabled: false }");
    send(processor, traces(span("GET /", 1, 1, 0, attribute("baggage", "req=REQ-BAGGAGE"))), next);
    assertEquals(List.of(strings("REQ-UNTAGGED")), keysOfSpans());
  }

  @Test
  void logRecordsMatchOnTheirSeverityAndAttributes() {
    Processor processor = harness.processor(Signal.LOGS, RULES);
    send(processor, logs(
        log("payment declined", 0, 0).toBuilder().setSeverityNumberValue(17).build(),
        log("cart saved", 0, 0, attribute("code.function", "Cart.save")),
        log("hello", 0, 0)), next);
    assertEquals(List.of(strings("REQ-OPS-LOG-001"), strings("REQ-F-CART-002"), strings("REQ-UNTAGGED")),
        next.logs().stream().map(r -> value(r.getAttributesList(), "req")).toList());
  }

  @Test
  void dataPointsTakeTheKeysOfTheirMetricFromTheCatalogAfterTheRules() {
    harness.catalog = Harness.catalog(List.of(), List.of(
        new MetricDefinition("login_attempts", List.of("REQ-F-AUTH-001"), List.of("BR-001"), List.of(), "counter", "1", ""),
        new MetricDefinition("payment.amount", List.of("REQ-CATALOG"), List.of(), List.of(), "counter", "EUR", ""),
        new MetricDefinition("queue.depth", List.of(), List.of(), List.of(), "gauge", "1", "")), List.of());
    Processor processor = harness.processor(Signal.METRICS, RULES);
    ExportMetricsServiceRequest request = metrics(service("billing"),
        sum("login_attempts", point("status", "success"), point("status", "failure"),
            point("req", "REQ-OWN")),
        sum("payment.amount", point("currency", "EUR")),
        gauge("queue.depth", point("queue", "orders")));
    send(processor, request, next);
    assertEquals(List.of(strings("REQ-F-AUTH-001"), strings("REQ-F-AUTH-001"), strings("REQ-OWN"),
        strings("REQ-F-PAY-003"), strings("REQ-UNTAGGED")), pointKeys());
    assertEquals(2.0, harness.metrics.value("homeostat_req_records_total", "signal", "metrics",
        "service", "billing", "source", "metric"));
  }

  @Test
  void everyTypeOfDataPointIsTagged() {
    Processor processor = harness.processor(Signal.METRICS, "");
    send(processor, metrics(service("auth"),
        gauge("g", point("k", "v")),
        sum("s", point("req", "REQ-A")),
        Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
            .addDataPoints(HistogramDataPoint.newBuilder().setCount(1))).build(),
        Metric.newBuilder().setName("e").setExponentialHistogram(ExponentialHistogram.newBuilder()
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder().addAttributes(attribute("req_id", "REQ-E")))).build(),
        Metric.newBuilder().setName("q").setSummary(Summary.newBuilder()
            .addDataPoints(SummaryDataPoint.newBuilder().setCount(2))).build()), next);
    assertEquals(List.of(strings("REQ-UNTAGGED"), strings("REQ-A"), strings("REQ-UNTAGGED"),
        strings("REQ-E"), strings("REQ-UNTAGGED")), pointKeys());
  }

  private List<AnyValue> pointKeys() {
    List<AnyValue> keys = new ArrayList<>();
    for (var request : next.requests) {
      if (!(request instanceof ExportMetricsServiceRequest)) {
        continue;
      }
      for (var resource : ((ExportMetricsServiceRequest) request).getResourceMetricsList()) {
        for (var scope : resource.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            for (int i = 0; i < io.homeostat.core.otlp.OtlpRequests.dataPointCount(metric); i++) {
              keys.add(value(DataPoints.attributes(metric, i), "req"));
            }
          }
        }
      }
    }
    return keys;
  }

  static NumberDataPoint point(String key, String value) {
    return NumberDataPoint.newBuilder().setAsInt(1).addAttributes(attribute(key, value)).build();
  }

  static Metric sum(String name, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().addAllDataPoints(List.of(points))).build();
  }

  static Metric gauge(String name, NumberDataPoint... points) {
    return Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addAllDataPoints(List.of(points))).build();
  }
}
