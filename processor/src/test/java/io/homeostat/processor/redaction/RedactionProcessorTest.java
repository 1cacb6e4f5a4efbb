package io.homeostat.processor.redaction;

import static io.homeostat.processor.support.Records.attr;
import static io.homeostat.processor.support.Records.logsOf;
import static io.homeostat.processor.support.Records.metricsOf;
import static io.homeostat.processor.support.Records.spansOf;
import static io.homeostat.processor.support.Records.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.support.ProcessorHarness;
import io.homeostat.processor.support.Records;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RedactionProcessorTest {

  private static final Resource RESOURCE = Resource.newBuilder()
      .addAttributes(attr("service.name", "checkout"))
      .addAttributes(attr("deployment.environment", "prod")).build();

  private static ExportLogsServiceRequest logs(LogRecord... records) {
    return Records.logs(RESOURCE, records);
  }

  /** {@code request} through {@code processor}: what it passed on. */
  @SuppressWarnings("unchecked")
  private static <M extends Message> M run(ProcessorHarness processor, M request) {
    return (M) processor.run(request).single();
  }

  private static long count(ProcessorHarness processor, String rule) {
    return (long) processor.metric(Tally.METRIC, "rule", rule);
  }

  private static Map<String, String> attributes(List<KeyValue> attributes) {
    return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> KeyValues.asString(kv.getValue()),
        (a, b) -> a, java.util.LinkedHashMap::new));
  }

  /** A checkout server span that leaks in every place a span can. */
  private static final Span LEAKY = Span.newBuilder().setName("POST /users/bob@example.com/orders")
      .addAttributes(attr("http.route", "/users/{email}/orders"))
      .addAttributes(attr("http.request.header.authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"))
      .addAttributes(attr("db.statement", "UPDATE users SET last_login = now() WHERE email = 'ann@shop.io'"))
      .addAttributes(attr("app.payment.note", "card 4111 1111 1111 1111 charged"))
      .addAttributes(attr("app.payment.pan", 5500000000000004L))
      .addAttributes(attr("app.order.id", 4111111111111112L))
      .addAttributes(attr("app.user.password_set", AnyValue.newBuilder().setBoolValue(true).build()))
      .addAttributes(attr("app.pin.pwd", 1234))
      .addAttributes(attr("req", "REQ-F-PAY-002"))
      .addEvents(Span.Event.newBuilder().setName("exception")
          .addAttributes(attr("exception.message", "no account for carl@example.org"))
          .addAttributes(attr("exception.type", "java.lang.IllegalStateException")))
      .addEvents(Span.Event.newBuilder().setName("cache.miss").addAttributes(attr("cache.key", "user:42")))
      .addLinks(Span.Link.newBuilder().addAttributes(attr("messaging.header.api_key", "k-123")))
      .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
          .setMessage("login failed: password=hunter2"))
      .build();

  private static final Span CLEAN = Span.newBuilder().setName("GET /health")
      .addAllAttributes(CleanDataTest.SPAN_ATTRIBUTES)
      .addEvents(Span.Event.newBuilder().setName("ready").addAttributes(attr("attempt", 2)))
      .build();

  @Test
  void everyPlaceASpanCanLeakIsRedactedAndCleanSpansStayTheSameInstances() {
    ProcessorHarness redaction = Redaction.processor(Signal.TRACES, "");
    ExportTraceServiceRequest request = traces(RESOURCE, CLEAN, LEAKY);
    ExportTraceServiceRequest out = run(redaction, request);
    assertSame(CLEAN, spansOf(out).get(0));
    assertSame(request.getResourceSpans(0).getResource(), out.getResourceSpans(0).getResource());
    Span span = spansOf(out).get(1);
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
    assertEquals(3, count(redaction, "email"));
    assertEquals(2, count(redaction, "card"));
    assertEquals(4, count(redaction, "secret_key"));
    assertEquals(0, count(redaction, "not_allowed"));
  }

  @Test
  void aRequestWithNothingToRedactIsPassedOnAsItCame() {
    ExportTraceServiceRequest traces = traces(RESOURCE, CLEAN, CLEAN);
    assertSame(traces, run(Redaction.processor(Signal.TRACES, ""), traces));
    ExportLogsServiceRequest logs = logs(LogRecord.newBuilder().setBody(KeyValues.string("cart saved"))
        .addAttributes(attr("items", 4)).build());
    assertSame(logs, run(Redaction.processor(Signal.LOGS, ""), logs));
    ExportMetricsServiceRequest metrics = metrics(NumberDataPoint.newBuilder()
        .addAttributes(attr("status", "ok")).setAsInt(3).build(), attr("user", "anonymous"));
    assertSame(metrics, run(Redaction.processor(Signal.METRICS, ""), metrics));
  }

  @Test
  void logBodiesAreRedactedAsTextAndAsStructures() {
    ProcessorHarness redaction = Redaction.processor(Signal.LOGS, "");
    LogRecord line = LogRecord.newBuilder().setSeverityText("WARN")
        .setBody(KeyValues.string("2026-11-21T10:15:00Z WARN auth - bad login user=bob@example.com password=hunter2 "
            + "card=4111-1111-1111-1111 order=4111-1111-1111-1112"))
        .addAttributes(attr("http.request.header.cookie", "sid=abc123; theme=dark"))
        .addAttributes(attr("log.file.path", "/var/log/auth.log")).build();
    AnyValue structured = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(attr("event", "signup"))
        .addValues(attr("user", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
            .addValues(attr("email", "dana@example.net"))
            .addValues(attr("password", "correct horse battery staple"))
            .addValues(attr("age", 41))).build()))
        .addValues(attr("cards", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
            .addValues(KeyValues.string("5105 1051 0510 5100"))
            .addValues(KeyValues.string("not a card"))).build()))).build();
    LogRecord json = LogRecord.newBuilder().setBody(structured).build();
    List<LogRecord> records = logsOf(run(redaction, logs(line, json)));
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
    assertEquals(2, count(redaction, "email"));
    assertEquals(2, count(redaction, "card"));
    assertEquals(3, count(redaction, "secret_key"));
    LogRecord bodiless = LogRecord.newBuilder().addAttributes(attr("user.email", "bob@example.com")).build();
    assertFalse(logsOf(run(redaction, logs(bodiless))).get(0).hasBody(), "a record without a body gets none");
  }

  private static ExportMetricsServiceRequest metrics(NumberDataPoint point, KeyValue exemplarAttribute) {
    NumberDataPoint withExemplar = point.toBuilder().addExemplars(Exemplar.newBuilder()
        .addFilteredAttributes(exemplarAttribute).setAsInt(1)).build();
    return Records.metrics(RESOURCE,
        Metric.newBuilder().setName("login_attempts").setSum(Sum.newBuilder().addDataPoints(withExemplar)).build(),
        Metric.newBuilder().setName("login_latency_ms").setHistogram(Histogram.newBuilder()
            .addDataPoints(HistogramDataPoint.newBuilder().addAttributes(attr("route", "/login"))
                .setCount(1).setSum(12))).build());
  }

  @Test
  void dataPointAndExemplarAttributesAreRedacted() {
    ExportMetricsServiceRequest request = metrics(NumberDataPoint.newBuilder()
        .addAttributes(attr("user", "eve@example.com")).addAttributes(attr("status", "failure")).setAsInt(1).build(),
        attr("session_token", "tok-abc"));
    List<Metric> metrics = metricsOf(run(Redaction.processor(Signal.METRICS, ""), request));
    NumberDataPoint point = metrics.get(0).getSum().getDataPoints(0);
    assertEquals(Map.of("user", "****", "status", "failure"), attributes(point.getAttributesList()));
    assertEquals(Map.of("session_token", "****"), attributes(point.getExemplars(0).getFilteredAttributesList()));
    assertSame(metricsOf(request).get(1), metrics.get(1));
  }

  @Test
  void resourceAttributesAreRedactedUnlessTurnedOff() {
    Resource leaky = RESOURCE.toBuilder().addAttributes(attr("host.owner", "ops-lead@example.com")).build();
    ExportTraceServiceRequest request = traces(leaky, CLEAN);
    ExportTraceServiceRequest out = run(Redaction.processor(Signal.TRACES, ""), request);
    assertEquals("****", KeyValues.getString(out.getResourceSpans(0).getResource().getAttributesList(), "host.owner"));
    assertSame(CLEAN, spansOf(out).get(0));
    assertSame(request, run(Redaction.processor(Signal.TRACES, "resource_attributes: false"), request));
  }

  @Test
  void theAllowListKeepsOnlyListedIgnoredAndRequirementKeys() {
    ProcessorHarness redaction = Redaction.processor(Signal.TRACES, """
        allow_all_keys: false
        allowed_keys: [service.name, http.route, db.statement, exception.message]
        ignored_keys: [app.payment.note]
        """);
    ExportTraceServiceRequest out = run(redaction, traces(RESOURCE, LEAKY));
    assertEquals(Map.of("service.name", "checkout"), attributes(out.getResourceSpans(0).getResource().getAttributesList()));
    Span span = spansOf(out).get(0);
    assertEquals(Map.of(
        "http.route", "/users/{email}/orders",
        "db.statement", "UPDATE users SET last_login = now() WHERE email = '****'",
        "app.payment.note", "card 4111 1111 1111 1111 charged",
        "req", "REQ-F-PAY-002"), attributes(span.getAttributesList()));
    assertEquals(Map.of("exception.message", "no account for ****"), attributes(span.getEvents(0).getAttributesList()));
    assertEquals(List.of(), span.getEvents(1).getAttributesList());
    assertEquals(List.of(), span.getLinks(0).getAttributesList());
    assertEquals(1 + 5 + 1 + 1 + 1, count(redaction, "not_allowed"));
  }

  @Test
  void anEmptyAllowListFailsClosedLikeTheCollectors() {
    ExportTraceServiceRequest out = run(Redaction.processor(Signal.TRACES,
        "allow_all_keys: false\nignored_keys: [service.name]"), traces(RESOURCE, CLEAN));
    assertEquals(Map.of("service.name", "checkout"), attributes(out.getResourceSpans(0).getResource().getAttributesList()));
    assertEquals(List.of(), spansOf(out).get(0).getAttributesList());
  }

  @Test
  void ignoredKeysAreNeverTouchedAnywhere() {
    AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
        .addValues(attr("password", "fixture-only")).addValues(attr("contact", "qa@example.com"))
        .addValues(attr("other", "qa@example.com"))).build();
    LogRecord record = LogRecord.newBuilder().setBody(body).addAttributes(attr("password", "fixture-only")).build();
    LogRecord out = logsOf(run(Redaction.processor(Signal.LOGS, "ignored_keys: [password, contact]"), logs(record))).get(0);
    assertEquals(Map.of("password", "fixture-only", "contact", "qa@example.com", "other", "****"),
        attributes(out.getBody().getKvlistValue().getValuesList()));
    assertEquals("fixture-only", KeyValues.getString(out.getAttributesList(), "password"));
  }

  @Test
  void secretValuesOfAnyTypeAreHashedWholeWhenHashing() {
    ProcessorHarness redaction = Redaction.processor(Signal.TRACES,
        "secret_key: { action: hash }\ncard: { keep_last_four: true }");
    Span span = Span.newBuilder().setName("s")
        .addAttributes(attr("http.response.header.set-cookie", AnyValue.newBuilder().setArrayValue(
            ArrayValue.newBuilder().addValues(KeyValues.string("a=1")).addValues(KeyValues.string("b=2"))).build()))
        .addAttributes(attr("pwd", 1234))
        .addAttributes(attr("token", ""))
        .addAttributes(attr("password", "****"))
        .addAttributes(attr("pan", 4111111111111111L)).build();
    Span out = spansOf(run(redaction, traces(RESOURCE, span))).get(0);
    assertEquals(Map.of(
        "http.response.header.set-cookie", TextRedactorTest.sha256("a=1,b=2"),
        "pwd", TextRedactorTest.sha256("1234"),
        "token", "",
        "password", "****",
        "pan", "****1111"), attributes(out.getAttributesList()));
    assertEquals(2, count(redaction, "secret_key"), "the empty value and the mask are left as they are");
  }

  @Test
  void blockedValuesAreRedactedWhereverTextIsScanned() {
    ProcessorHarness redaction = Redaction.processor(Signal.LOGS,
        "blocked_values: ['\\bDE\\d{20}\\b', 'internal-[a-z]+\\.corp']");
    LogRecord record = LogRecord.newBuilder()
        .setBody(KeyValues.string("refund to DE89370400440532013000 via internal-billing.corp"))
        .addAttributes(attr("iban", "DE89370400440532013000")).build();
    LogRecord out = logsOf(run(redaction, logs(record))).get(0);
    assertEquals("refund to **** via ****", out.getBody().getStringValue());
    assertEquals("****", KeyValues.getString(out.getAttributesList(), "iban"));
    assertEquals(3, count(redaction, "blocked_value"));
  }

  @Test
  void theSummaryReportsCountsAtInfoAndKeysAtDebug() {
    LogRecord record = LogRecord.newBuilder().setBody(KeyValues.string("password=x"))
        .addAttributes(attr("user.email", "a@b.io")).addAttributes(attr("api_key", "k"))
        .addAttributes(attr("debug.dump", "x")).addAttributes(attr("route", "/"))
        .build();
    String config = "allow_all_keys: false\nallowed_keys: [user.email, api_key, route]\nsummary: ";
    LogRecord info = logsOf(run(Redaction.processor(Signal.LOGS, config + "info"), logs(record))).get(0);
    assertEquals(Map.of("user.email", "****", "api_key", "****", "route", "/",
        "redaction.masked.count", "3", "redaction.redacted.count", "1"), attributes(info.getAttributesList()));
    LogRecord debug = logsOf(run(Redaction.processor(Signal.LOGS, config + "debug"), logs(record))).get(0);
    assertEquals("api_key,user.email", KeyValues.getString(debug.getAttributesList(), "redaction.masked.keys"));
    assertEquals("debug.dump", KeyValues.getString(debug.getAttributesList(), "redaction.redacted.keys"));
    LogRecord silent = logsOf(run(Redaction.processor(Signal.LOGS, config + "silent"), logs(record))).get(0);
    assertNull(KeyValues.get(silent.getAttributesList(), "redaction.masked.count"));
    ExportMetricsServiceRequest points = metrics(NumberDataPoint.newBuilder().addAttributes(attr("route", "a@b.io"))
        .build(), attr("route", "/"));
    NumberDataPoint point = metricsOf(run(Redaction.processor(Signal.METRICS, config + "info"), points))
        .get(0).getSum().getDataPoints(0);
    assertEquals("1", KeyValues.getString(point.getAttributesList(), "redaction.masked.count"));
    assertFalse(KeyValues.contains(point.getExemplars(0).getFilteredAttributesList(), "redaction.masked.count"));
  }
}
