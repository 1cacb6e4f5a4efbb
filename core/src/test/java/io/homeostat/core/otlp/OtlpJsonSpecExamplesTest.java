package io.homeostat.core.otlp;

import static io.homeostat.core.otlp.OtlpSamples.attribute;
import static io.homeostat.core.otlp.OtlpSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Gauge;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests of our own, written by hand in the form of the OTLP specification's example documents,
 * decode into the messages they describe, built here by hand. The documents write ids in upper and
 * mixed case, 64-bit integers sometimes as JSON numbers and sometimes as strings, and enums as
 * integers, as real OTLP/JSON senders do; encoding the hand-built message must decode back to it.
 */
class OtlpJsonSpecExamplesTest {

  private static final ByteString TRACE_ID = hex("7c1e0a95d43b2f8866a0e4c1b93d5f27");
  private static final ByteString LOGIN_SPAN_ID = hex("a3f05b7c19d2e684");
  private static final String REQ = "REQ-F-AUTH-001";
  private static final long LOGIN_START = 1_710_148_542_120_000_000L;
  private static final long LOGIN_REJECTED = 1_710_148_542_165_900_000L;
  private static final long LOGIN_END = 1_710_148_542_167_400_000L;
  private static final long METRICS_START = 1_710_147_600_000_000_000L;
  private static final long METRICS_TIME = 1_710_148_560_000_000_000L;

  @Test
  void traceRequest() throws IOException {
    Span login = Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setSpanId(LOGIN_SPAN_ID)
        .setParentSpanId(hex("5e9d21c4b07af3d6"))
        .setName("POST /login")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(LOGIN_START)
        .setEndTimeUnixNano(LOGIN_END)
        .addAttributes(attribute("req", REQ))
        .addAttributes(attribute("http.request.method", "POST"))
        .addAttributes(attribute("http.route", "/login"))
        .addAttributes(attribute("url.scheme", "https"))
        .addAttributes(attribute("http.response.status_code", integer(401)))
        .addEvents(Span.Event.newBuilder()
            .setTimeUnixNano(LOGIN_REJECTED)
            .setName("login.rejected")
            .addAttributes(attribute("reason", "invalid password")))
        .build();
    Span query = Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setSpanId(hex("c4e8a1f7093bd25e"))
        .setParentSpanId(LOGIN_SPAN_ID)
        .setName("SELECT shop.users")
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(1_710_148_542_123_100_000L)
        .setEndTimeUnixNano(1_710_148_542_131_800_000L)
        .addAttributes(attribute("req", REQ))
        .addAttributes(attribute("db.system.name", "postgresql"))
        .addAttributes(attribute("db.collection.name", "users"))
        .addAttributes(attribute("db.operation.name", "SELECT"))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
        .build();
    ExportTraceServiceRequest expected = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource())
            .addScopeSpans(ScopeSpans.newBuilder().setScope(scope()).addSpans(login).addSpans(query)))
        .build();

    assertDecodes(expected, Signal.TRACES, "trace.json");
  }

  @Test
  void metricsRequest() throws IOException {
    Metric attempts = Metric.newBuilder()
        .setName("login_attempts")
        .setDescription("Login attempts by outcome")
        .setUnit("{attempt}")
        .setSum(Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true)
            .addDataPoints(NumberDataPoint.newBuilder()
                .addAttributes(attribute("status", "success"))
                .setStartTimeUnixNano(METRICS_START)
                .setTimeUnixNano(METRICS_TIME)
                .setAsInt(1287))
            .addDataPoints(NumberDataPoint.newBuilder()
                .addAttributes(attribute("status", "failure"))
                .setStartTimeUnixNano(METRICS_START)
                .setTimeUnixNano(METRICS_TIME)
                .setAsInt(43)))
        .build();
    Metric cacheHits = Metric.newBuilder()
        .setName("session_cache_hit_ratio")
        .setDescription("Share of session lookups answered from the cache")
        .setUnit("1")
        .setGauge(Gauge.newBuilder()
            .addDataPoints(NumberDataPoint.newBuilder()
                .addAttributes(attribute("cache.name", "sessions"))
                .setTimeUnixNano(METRICS_TIME)
                .setAsDouble(0.934)))
        .build();
    Metric latency = Metric.newBuilder()
        .setName("login_latency_ms")
        .setDescription("Time to answer POST /login")
        .setUnit("ms")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(HistogramDataPoint.newBuilder()
                .addAttributes(attribute("http.route", "/login"))
                .setStartTimeUnixNano(1_710_148_500_000_000_000L)
                .setTimeUnixNano(METRICS_TIME)
                .setCount(1330)
                .setSum(28913.6)
                .addAllBucketCounts(List.of(402L, 611L, 248L, 57L, 12L))
                .addAllExplicitBounds(List.of(10.0, 25.0, 50.0, 100.0))
                .setMin(3.2)
                .setMax(412.7)
                .addExemplars(Exemplar.newBuilder()
                    .addFilteredAttributes(attribute("user.id", "u-123"))
                    .setTimeUnixNano(LOGIN_END)
                    .setAsDouble(47.4)
                    .setTraceId(TRACE_ID)
                    .setSpanId(LOGIN_SPAN_ID))))
        .build();
    ExportMetricsServiceRequest expected = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(resource())
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(scope())
                .addMetrics(attempts)
                .addMetrics(cacheHits)
                .addMetrics(latency)))
        .build();

    assertDecodes(expected, Signal.METRICS, "metrics.json");
  }

  @Test
  void logsRequest() throws IOException {
    LogRecord failed = LogRecord.newBuilder()
        .setTimeUnixNano(LOGIN_REJECTED)
        .setObservedTimeUnixNano(1_710_148_542_166_200_000L)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
        .setSeverityText("WARN")
        .setBody(string("login failed for user u-123: invalid password"))
        .addAttributes(attribute("req", REQ))
        .addAttributes(attribute("user.id", "u-123"))
        .addAttributes(attribute("auth.lockout_pending", AnyValue.newBuilder().setBoolValue(false).build()))
        .addAttributes(attribute("auth.failed_attempts", integer(3)))
        .addAttributes(attribute("auth.password_check_ms", AnyValue.newBuilder().setDoubleValue(11.25).build()))
        .addAttributes(attribute("auth.methods", array(string("password"), string("totp"))))
        .addAttributes(attribute("client", kvlist(
            attribute("address", "203.0.113.24"),
            attribute("port", integer(51514)))))
        .addAttributes(attribute("auth.challenge", AnyValue.newBuilder()
            .setBytesValue(hex("9f3ac27e51d08b64"))
            .build()))
        .setFlags(1)
        .setTraceId(TRACE_ID)
        .setSpanId(LOGIN_SPAN_ID)
        .build();
    LogRecord succeeded = LogRecord.newBuilder()
        .setTimeUnixNano(1_710_148_543_402_000_000L)
        .setObservedTimeUnixNano(1_710_148_543_402_300_000L)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_INFO)
        .setSeverityText("INFO")
        .setBody(kvlist(
            attribute("event", "login.succeeded"),
            attribute("user", "u-456"),
            attribute("factors", array(string("password"), string("totp"))),
            attribute("attempt", integer(1))))
        .addAttributes(attribute("req", REQ))
        .build();
    LogRecord limiter = LogRecord.newBuilder()
        .setTimeUnixNano(1_710_148_544_010_000_000L)
        .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_DEBUG)
        .setSeverityText("DEBUG")
        .setBody(array(
            string("login rate limiter"),
            integer(4),
            AnyValue.newBuilder().setDoubleValue(0.5).build(),
            AnyValue.newBuilder().setBoolValue(true).build()))
        .build();
    ExportLogsServiceRequest expected = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder()
            .setResource(resource())
            .addScopeLogs(ScopeLogs.newBuilder()
                .setScope(scope())
                .addLogRecords(failed)
                .addLogRecords(succeeded)
                .addLogRecords(limiter)))
        .build();

    assertDecodes(expected, Signal.LOGS, "logs.json");
  }

  private static Resource resource() {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", "auth-service"))
        .addAttributes(attribute("service.namespace", "shop"))
        .addAttributes(attribute("service.version", "2.3.1"))
        .addAttributes(attribute("service.instance.id", "auth-service-6d8f9-x2k4q"))
        .build();
  }

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder()
        .setName("shop.auth")
        .setVersion("2.3.1")
        .addAttributes(attribute("shop.component", "login"))
        .build();
  }

  private static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  private static AnyValue integer(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  private static AnyValue array(AnyValue... values) {
    return AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addAllValues(List.of(values))).build();
  }

  private static AnyValue kvlist(KeyValue... values) {
    return AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder().addAllValues(List.of(values))).build();
  }

  private static void assertDecodes(Message expected, Signal signal, String resource) throws IOException {
    try (InputStream json = OtlpJsonSpecExamplesTest.class.getResourceAsStream(resource)) {
      assertEquals(expected, OtlpJson.decodeRequest(signal, json));
    }
    assertEquals(expected, OtlpJson.decodeRequest(signal, new ByteArrayInputStream(OtlpJson.encode(expected))));
  }
}
