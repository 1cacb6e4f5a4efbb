package io.homeostat.processor.redaction;

import static io.homeostat.processor.redaction.CleanDataTest.attribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RedactionProcessorTest {

  private static final Resource RESOURCE = Resource.newBuilder()
      .addAttributes(text("service.name", "checkout"))
      .addAttributes(text("deployment.environment", "prod")).build();

  private static KeyValue text(String key, String value) {
    return attribute(key, KeyValues.string(value));
  }

  private static KeyValue integer(String key, long value) {
    return attribute(key, AnyValue.newBuilder().setIntValue(value).build());
  }

  private static ExportTraceServiceRequest traces(Resource resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(resource).addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans)))).build();
  }

  private static ExportLogsServiceRequest logs(LogRecord... records) {
    return ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .setResource(RESOURCE).addScopeLogs(ScopeLogs.newBuilder().addAllLogRecords(List.of(records)))).build();
  }

  private static Span span(ExportTraceServiceRequest request, int index) {
    return request.getResourceSpans(0).getScopeSpans(0).getSpans(index);
  }

  private static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> KeyValues.asString(kv.getValue()),
        (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** A checkout server span that leaks in every place a span can. */
  private static final Span LEAKY = Span.newBuilder().setName("POST /users/bob@example.com/orders")
      .addAttributes(text("http.route", "/users/{email}/orders"))
      .addAttributes(text("http.request.header.authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"))
      .addAttributes(text("db.statement", "UPDATE users SET last_login = now() WHERE email = 'ann@shop.io'"))
      .addAttributes(text("app.payment.note", "card 4111 1111 1111 1111 charged"))
      .addAttributes(integer("app.payment.pan", 5500000000000004L))
      .addAttributes(integer("app.order.id", 4111111111111112L))
      .addAttributes(attribute("app.user.password_set", AnyValue.newBuilder().setBoolValue(true).build()))
      .addAttributes(integer("app.pin.pwd", 1234))
      .addAttributes(text("req", "REQ-F-PAY-002"))
      .addEvents(Span.Event.newBuilder().setName("exception")
          .addAttributes(text("exception.message", "no account for carl@example.org"))
          .addAttributes(text("exception.type", "java.lang.IllegalStateException")))
      .addEvents(Span.Event.newBuilder().setName("cache.miss").addAttributes(text("cache.key", "user:42")))
      .addLinks(Span.Link.newBuilder().addAttributes(text("messaging.header.api_key", "k-123")))
      .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
          .setMessage("login failed: password=hunter2"))
      .build();

  private static final Span CLEAN = Span.newBuilder().setName("GET /health")
      .addAllAttributes(CleanDataTest.SPAN_ATTRIBUTES)
      .addEvents(Span.Event.newBuilder().setName("ready").addAttributes(integer("attempt", 2)))
      .build();

  @Test
  void everyPlaceASpanCanLeakIsRedactedAndCleanSpansStayTheSameInstances() {
    Redaction redaction = Redaction.defaults();
    ExportTraceServiceRequest request = traces(RESOURCE, CLEAN, LEAKY);
    ExportTraceServiceRequest out = (ExportTraceServiceRequest) redaction.process(Signal.TRACES, request);
    assertSame(CLEAN, span(out, 0));
    assertSame(request.getResourceSpans(0).getResource(), out.getResourceSpans(0).getResource());
    Span span = span(out, 1);
    assertEquals("POST /users/****/orders", span.getName());
    assertEquals(Map.of(
        "http.route", "/users/{email}/orders",
        "http.request.header.authorization", "****",
        "db.statement", "UPDATE users SET last_login = now() WHERE email = '****'",
        "app.payment.note", "card **** charged",
        "app.payment.pan", "****",
        "app.order.id", "4111111111111112",
        "app.user.password_set", "true",
        "app.pin.pwd", "****",
        "req", "REQ-F-PAY-002"), attributes(span.getAttributesList()));
    assertEquals("no account for ****", KeyValues.getString(span.getEvents(0).getAttributesList(), "exception.message"));
    assertSame(LEAKY.getEvents(1), span.getEvents(1));
    assertEquals("****", KeyValues.getString(span.getLinks(0).getAttributesList(), "messaging.header.api_key"));
    assertEquals("login failed: password=****", span.getStatus().getMessage());
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.getStatus().getCode());
    assertEquals(3, redaction.count("email"));
    assertEquals(2, redaction.count("card"));
    assertEquals(4, redaction.count("secret_key"));
    assertEquals(0, redaction.count("not_allowed"));
  }

  @Test
  void aRequestWithNothingToRedactIsPassedOnAsItCame() {
    Redaction redaction = Redaction.defaults();
    ExportTraceServiceRequest traces = traces(RESOURCE, CLEAN, CLEAN);
    assertSame(traces, redaction.process(Signal.TRACES, traces));
    ExportLogsServiceRequest logs = logs(LogRecord.newBuilder().setBody(KeyValues.string("cart saved"))
        .addAttributes(integer("items", 4)).build());
    assertSame(logs, redaction.process(Signal.LOGS, logs));
    ExportMetricsServiceRequest metrics = metrics(NumberDataPoint.newBuilder()
        .addAttributes(text("status", "ok")).setAsInt(3).build(), text("user", "anonymous"));
    assertSame(metrics, redaction.process(Signal.METRICS, metrics));
  }

  @Test
  void logBodiesAreRedactedAsTextAndAsStructures() {
    Redaction redaction = Redaction.defaults();
    LogRecord line = LogRecord.newBuilder().setSeverityText("WARN")
        .setBody(KeyValues.string("2026-11-21T10:15:00Z WARN auth - bad login user=bob@example.com password=hunter2 "
            + "card=4111-1111-1111-1111 order=4111-1111-1111-1112"))
        .addAttributes(text("http.request.header.cookie", "sid=abc123; theme=dark"))
        .addAttributes(text("log.file.path", "/var/log/auth.log")).build();
    AnyValue structured = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(text("event", "signup"))
        .addValues(attribute("user", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
            .addValues(text("email", "dana@example.net"))
            .addValues(text("password", "correct horse battery staple"))
            .addValues(integer("age", 41))).build()))
        .addValues(attribute("cards", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(KeyValues.string("5105 1051 0510 5100"))
            .addValues(KeyValues.string("not a card"))).build()))).build();
    LogRecord json = LogRecord.newBuilder().setBody(structured).build();
    ExportLogsServiceRequest out = (ExportLogsServiceRequest) redaction.process(Signal.LOGS, logs(line, json));
    List<LogRecord> records = out.getResourceLogs(0).getScopeLogs(0).getLogRecordsList();
    assertEquals("2026-11-21T10:15:00Z WARN auth - bad login user=**** password=**** card=**** "
        + "order=4111-1111-1111-1112", records.get(0).getBody().getStringValue());
    assertEquals(Map.of("http.request.header.cookie", "****", "log.file.path", "/var/log/auth.log"),
        attributes(records.get(0).getAttributesList()));
    assertEquals("WARN", records.get(0).getSeverityText());
    KeyValueList body = records.get(1).getBody().getKvlistValue();
    assertEquals("signup", KeyValues.getString(body.getValuesList(), "event"));
    List<KeyValue> user = KeyValues.get(body.getValuesList(), "user").getKvlistValue().getValuesList();
    assertEquals(Map.of("email", "****", "password", "****", "age", "41"), attributes(user));
    assertEquals(List.of(KeyValues.string("****"), KeyValues.string("not a card")),
        KeyValues.get(body.getValuesList(), "cards").getArrayValue().getValuesList());
    assertEquals(2, redaction.count("email"));
    assertEquals(2, redaction.count("card"));
    assertEquals(3, redaction.count("secret_key"));
  }

  private static ExportMetricsServiceRequest metrics(NumberDataPoint point, KeyValue exemplarAttribute) {
    NumberDataPoint withExemplar = point.toBuilder().addExemplars(Exemplar.newBuilder()
        .addFilteredAttributes(exemplarAttribute).setAsInt(1)).build();
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(RESOURCE).addScopeMetrics(ScopeMetrics.newBuilder()
            .addMetrics(Metric.newBuilder().setName("login_attempts").setSum(Sum.newBuilder()
                .addDataPoints(withExemplar)))
            .addMetrics(Metric.newBuilder().setName("login_latency_ms").setHistogram(Histogram.newBuilder()
                .addDataPoints(HistogramDataPoint.newBuilder().addAttributes(text("route", "/login"))
                    .setCount(1).setSum(12)))))).build();
  }

  @Test
  void dataPointAndExemplarAttributesAreRedacted() {
    Redaction redaction = Redaction.defaults();
    ExportMetricsServiceRequest request = metrics(NumberDataPoint.newBuilder()
        .addAttributes(text("user", "eve@example.com")).addAttributes(text("status", "failure")).setAsInt(1).build(),
        text("session_token", "tok-abc"));
    ExportMetricsServiceRequest out = (ExportMetricsServiceRequest) redaction.process(Signal.METRICS, request);
    List<Metric> metrics = out.getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
    NumberDataPoint point = metrics.get(0).getSum().getDataPoints(0);
    assertEquals(Map.of("user", "****", "status", "failure"), attributes(point.getAttributesList()));
    assertEquals(Map.of("session_token", "****"), attributes(point.getExemplars(0).getFilteredAttributesList()));
    assertSame(request.getResourceMetrics(0).getScopeMetrics(0).getMetrics(1), metrics.get(1));
  }

  @Test
  void resourceAttributesAreRedactedUnlessTurnedOff() {
    Resource leaky = RESOURCE.toBuilder().addAttributes(text("host.owner", "ops-lead@example.com")).build();
    ExportTraceServiceRequest request = traces(leaky, CLEAN);
    ExportTraceServiceRequest out = (ExportTraceServiceRequest) Redaction.defaults().process(Signal.TRACES, request);
    assertEquals("****", KeyValues.getString(out.getResourceSpans(0).getResource().getAttributesList(), "host.owner"));
    assertSame(CLEAN, span(out, 0));
    assertSame(request, Redaction.of("resource_attributes: false").process(Signal.TRACES, request));
  }

  @Test
  void theAllowListKeepsOnlyListedIgnoredAndRequirementKeys() {
    Redaction redaction = Redaction.of("""
        allow_all_keys: false
        allowed_keys: [service.name, http.route, db.statement, exception.message]
        ignored_keys: [app.payment.note]
        """);
    ExportTraceServiceRequest out = (ExportTraceServiceRequest) redaction.process(Signal.TRACES, traces(RESOURCE, LEAKY));
    assertEquals(Map.of("service.name", "checkout"), attributes(out.getResourceSpans(0).getResource().getAttributesList()));
    Span span = span(out, 0);
    assertEquals(Map.of(
        "http.route", "/users/{email}/orders",
        "db.statement", "UPDATE users SET last_login = now() WHERE email = '****'",
        "app.payment.note", "card 4111 1111 1111 1111 charged",
        "req", "REQ-F-PAY-002"), attributes(span.getAttributesList()));
    assertEquals(Map.of("exception.message", "no account for ****"), attributes(span.getEvents(0).getAttributesList()));
    assertEquals(List.of(), span.getEvents(1).getAttributesList());
    assertEquals(List.of(), span.getLinks(0).getAttributesList());
    assertEquals(1 + 5 + 1 + 1 + 1, redaction.count("not_allowed"));
  }

  @Test
  void anEmptyAllowListFailsClosedLikeTheCollectors() {
    Redaction redaction = Redaction.of("allow_all_keys: false\nignored_keys: [service.name]");
    ExportTraceServiceRequest out = (ExportTraceServiceRequest) redaction.process(Signal.TRACES, traces(RESOURCE, CLEAN));
    assertEquals(Map.of("service.name", "checkout"), attributes(out.getResourceSpans(0).getResource().getAttributesList()));
    assertEquals(List.of(), span(out, 0).getAttributesList());
  }

  @Test
  void ignoredKeysAreNeverTouchedAnywhere() {
    Redaction redaction = Redaction.of("ignored_keys: [password, contact]");
    AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(text("password", "fixture-only")).addValues(text("contact", "qa@example.com"))
        .addValues(text("other", "qa@example.com"))).build();
    LogRecord record = LogRecord.newBuilder().setBody(body).addAttributes(text("password", "fixture-only")).build();
    LogRecord out = ((ExportLogsServiceRequest) redaction.process(Signal.LOGS, logs(record)))
        .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals(Map.of("password", "fixture-only", "contact", "qa@example.com", "other", "****"),
        attributes(out.getBody().getKvlistValue().getValuesList()));
    assertEquals("fixture-only", KeyValues.getString(out.getAttributesList(), "password"));
  }

  @Test
  void secretValuesOfAnyTypeAreHashedWholeWhenHashing() {
    Redaction redaction = Redaction.of("secret_key: { action: hash }\ncard: { keep_last_four: true }");
    Span span = Span.newBuilder().setName("s")
        .addAttributes(attribute("http.response.header.set-cookie", AnyValue.newBuilder().setArrayValue(
            ArrayValue.newBuilder().addValues(KeyValues.string("a=1")).addValues(KeyValues.string("b=2"))).build()))
        .addAttributes(integer("pwd", 1234))
        .addAttributes(text("token", ""))
        .addAttributes(text("password", "****"))
        .addAttributes(integer("pan", 4111111111111111L)).build();
    Span out = span((ExportTraceServiceRequest) redaction.process(Signal.TRACES, traces(RESOURCE, span)), 0);
    assertEquals(Map.of(
        "http.response.header.set-cookie", TextRedactorTest.sha256("a=1,b=2"),
        "pwd", TextRedactorTest.sha256("1234"),
        "token", "",
        "password", "****",
        "pan", "****1111"), attributes(out.getAttributesList()));
    assertEquals(2, redaction.count("secret_key"), "the empty value and the mask are left as they are");
  }

  @Test
  void blockedValuesAreRedactedWhereverTextIsScanned() {
    Redaction redaction = Redaction.of("blocked_values: ['\\bDE\\d{20}\\b', 'internal-[a-z]+\\.corp']");
    LogRecord record = LogRecord.newBuilder()
        .setBody(KeyValues.string("refund to DE89370400440532013000 via internal-billing.corp"))
        .addAttributes(text("iban", "DE89370400440532013000")).build();
    LogRecord out = ((ExportLogsServiceRequest) redaction.process(Signal.LOGS, logs(record)))
        .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals("refund to **** via ****", out.getBody().getStringValue());
    assertEquals("****", KeyValues.getString(out.getAttributesList(), "iban"));
    assertEquals(3, redaction.count("blocked_value"));
  }

  @Test
  void theSummaryReportsCountsAtInfoAndKeysAtDebug() {
    LogRecord record = LogRecord.newBuilder().setBody(KeyValues.string("password=x"))
        .addAttributes(text("user.email", "a@b.io")).addAttributes(text("api_key", "k"))
        .addAttributes(text("debug.dump", "x")).addAttributes(text("route", "/"))
        .build();
    String config = "allow_all_keys: false\nallowed_keys: [user.email, api_key, route]\nsummary: ";
    LogRecord info = ((ExportLogsServiceRequest) Redaction.of(config + "info").process(Signal.LOGS, logs(record)))
        .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals(Map.of("user.email", "****", "api_key", "****", "route", "/",
        "redaction.masked.count", "3", "redaction.redacted.count", "1"), attributes(info.getAttributesList()));
    LogRecord debug = ((ExportLogsServiceRequest) Redaction.of(config + "debug").process(Signal.LOGS, logs(record)))
        .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals("api_key,user.email", KeyValues.getString(debug.getAttributesList(), "redaction.masked.keys"));
    assertEquals("debug.dump", KeyValues.getString(debug.getAttributesList(), "redaction.redacted.keys"));
    LogRecord silent = ((ExportLogsServiceRequest) Redaction.of(config + "silent").process(Signal.LOGS, logs(record)))
        .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertNull(KeyValues.get(silent.getAttributesList(), "redaction.masked.count"));
    ExportMetricsServiceRequest points = metrics(NumberDataPoint.newBuilder().addAttributes(text("route", "a@b.io"))
        .build(), text("route", "/"));
    NumberDataPoint point = ((ExportMetricsServiceRequest) Redaction.of(config + "info").process(Signal.METRICS, points))
        .getResourceMetrics(0).getScopeMetrics(0).getMetrics(0).getSum().getDataPoints(0);
    assertEquals("1", KeyValues.getString(point.getAttributesList(), "redaction.masked.count"));
    assertFalse(KeyValues.contains(point.getExemplars(0).getFilteredAttributesList(), "redaction.masked.count"));
  }
}
