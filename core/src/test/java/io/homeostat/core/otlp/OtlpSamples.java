package io.homeostat.core.otlp;

import com.google.protobuf.ByteString;
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
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/** Realistic export requests built with the protobuf builders, as instrumented services send them. */
final class OtlpSamples {

  static final ByteString TRACE_ID = hex("5b8efff798038103d269b633813fc60c");
  static final ByteString SPAN_ID = hex("eee19b7ec3c1b174");
  static final ByteString PARENT_SPAN_ID = hex("eee19b7ec3c1b173");
  static final ByteString LINKED_TRACE_ID = hex("0af7651916cd43dd8448eb211c80319c");
  static final ByteString LINKED_SPAN_ID = hex("b7ad6b7169203331");
  static final long START = 1_544_712_660_000_000_000L;

  private OtlpSamples() {}

  static ByteString hex(String digits) {
    return ByteString.copyFrom(HexFormat.of().parseHex(digits));
  }

  static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static KeyValue attribute(String key, String value) {
    return attribute(key, AnyValue.newBuilder().setStringValue(value).build());
  }

  static Resource resource() {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", "checkout"))
        .addAttributes(attribute("service.instance.id", "checkout-7f9c"))
        .addAttributes(attribute("host.cpu.count", AnyValue.newBuilder().setIntValue(8).build()))
        .build();
  }

  static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder()
        .setName("io.homeostat.test")
        .setVersion("1.2.0")
        .addAttributes(attribute("req", "REQ-F-AUTH-001"))
        .build();
  }

  static ExportTraceServiceRequest traces() {
    Span server = Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setSpanId(SPAN_ID)
        .setParentSpanId(PARENT_SPAN_ID)
        .setTraceState("vendor=a1")
        .setFlags(0x301)
        .setName("POST /login")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(START)
        .setEndTimeUnixNano(START + 812_000_000L)
        .addAttributes(attribute("http.request.method", "POST"))
        .addAttributes(attribute("http.response.status_code", AnyValue.newBuilder().setIntValue(500).build()))
        .addAttributes(attribute("retry", AnyValue.newBuilder().setBoolValue(false).build()))
        .setDroppedAttributesCount(2)
        .addEvents(Span.Event.newBuilder()
            .setTimeUnixNano(START + 800_000_000L)
            .setName("exception")
            .addAttributes(attribute("exception.type", "java.lang.IllegalStateException"))
            .addAttributes(attribute("exception.message", "pool exhausted\n\tat Pool.take(Pool.java:42) \"quoted\" ✓")))
        .addLinks(Span.Link.newBuilder()
            .setTraceId(LINKED_TRACE_ID)
            .setSpanId(LINKED_SPAN_ID)
            .setTraceState("rojo=00f067aa0ba902b7")
            .addAttributes(attribute("link.kind", "follows"))
            .setDroppedAttributesCount(1)
            .setFlags(0x100))
        .setDroppedEventsCount(3)
        .setDroppedLinksCount(4)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("pool exhausted"))
        .build();
    Span client = Span.newBuilder()
        .setTraceId(TRACE_ID)
        .setSpanId(hex("00f067aa0ba902b7"))
        .setParentSpanId(SPAN_ID)
        .setName("SELECT users")
        .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
        .setStartTimeUnixNano(START + 1_000_000L)
        .setEndTimeUnixNano(START + 2_500_000L)
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
        .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource())
            .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(scope())
                .addSpans(server)
                .addSpans(client)
                .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")))
        .build();
  }

  static ExportMetricsServiceRequest metrics() {
    Exemplar exemplar = Exemplar.newBuilder()
        .addFilteredAttributes(attribute("user.id", "u-17"))
        .setTimeUnixNano(START + 5)
        .setAsDouble(812.5)
        .setTraceId(TRACE_ID)
        .setSpanId(SPAN_ID)
        .build();
    Metric gauge = Metric.newBuilder()
        .setName("process.cpu.utilization")
        .setUnit("1")
        .setGauge(Gauge.newBuilder()
            .addDataPoints(NumberDataPoint.newBuilder()
                .setTimeUnixNano(START)
                .setAsDouble(0.25)
                .addAttributes(attribute("cpu", "0")))
            .addDataPoints(NumberDataPoint.newBuilder()
                .setTimeUnixNano(START)
                .setAsDouble(Double.NaN)
                .setFlags(1)))
        .build();
    Metric sum = Metric.newBuilder()
        .setName("login_attempts")
        .setDescription("Login attempts by outcome")
        .setUnit("{attempt}")
        .setSum(Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true)
            .addDataPoints(NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(START)
                .setTimeUnixNano(START + 60_000_000_000L)
                .setAsInt(1240)
                .addAttributes(attribute("status", "success"))
                .addExemplars(exemplar.toBuilder().clearAsDouble().setAsInt(1)))
            .addDataPoints(NumberDataPoint.newBuilder()
                .setStartTimeUnixNano(START)
                .setTimeUnixNano(START + 60_000_000_000L)
                .setAsInt(0)
                .addAttributes(attribute("status", "failure"))))
        .build();
    Metric histogram = Metric.newBuilder()
        .setName("login_latency_ms")
        .setUnit("ms")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(HistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(START)
                .setTimeUnixNano(START + 10_000_000_000L)
                .setCount(10)
                .setSum(4210.5)
                .addBucketCounts(2).addBucketCounts(0).addBucketCounts(7).addBucketCounts(1)
                .addExplicitBounds(100).addExplicitBounds(250).addExplicitBounds(500)
                .setMin(0)
                .setMax(812.5)
                .addExemplars(exemplar)))
        .build();
    Metric exponential = Metric.newBuilder()
        .setName("rpc.server.duration")
        .setUnit("s")
        .setExponentialHistogram(ExponentialHistogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .addDataPoints(ExponentialHistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(START)
                .setTimeUnixNano(START + 10_000_000_000L)
                .setCount(12)
                .setSum(3.75)
                .setScale(-3)
                .setZeroCount(1)
                .setZeroThreshold(1e-9)
                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(-2)
                    .addBucketCounts(3).addBucketCounts(0).addBucketCounts(5))
                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder()
                    .setOffset(1)
                    .addBucketCounts(3))
                .setMin(-0.5)
                .setMax(2.0)))
        .build();
    Metric summary = Metric.newBuilder()
        .setName("gc.pause")
        .setUnit("ms")
        .setSummary(Summary.newBuilder()
            .addDataPoints(SummaryDataPoint.newBuilder()
                .setStartTimeUnixNano(START)
                .setTimeUnixNano(START + 10_000_000_000L)
                .setCount(Long.MIN_VALUE) // fixed64 2^63: needs the unsigned path both ways
                .setSum(Double.POSITIVE_INFINITY)
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(1.5))
                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(-0.0))))
        .build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(resource())
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(scope())
                .addMetrics(gauge)
                .addMetrics(sum)
                .addMetrics(histogram)
                .addMetrics(exponential)
                .addMetrics(summary)))
        .build();
  }

  /** Log records whose bodies are every kind of AnyValue. */
  static ExportLogsServiceRequest logs() {
    AnyValue kvlist = AnyValue.newBuilder()
        .setKvlistValue(KeyValueList.newBuilder()
            .addValues(attribute("user", "alice"))
            .addValues(attribute("nested", AnyValue.newBuilder()
                .setKvlistValue(KeyValueList.newBuilder()
                    .addValues(attribute("depth", AnyValue.newBuilder().setIntValue(2).build())))
                .build()))
            .addValues(attribute("empty", AnyValue.getDefaultInstance())))
        .build();
    AnyValue array = AnyValue.newBuilder()
        .setArrayValue(ArrayValue.newBuilder()
            .addValues(AnyValue.newBuilder().setStringValue("many"))
            .addValues(AnyValue.newBuilder().setIntValue(-7))
            .addValues(AnyValue.newBuilder().setDoubleValue(0.0))
            .addValues(AnyValue.newBuilder().setBoolValue(true))
            .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance())))
        .build();
    AnyValue[] bodies = {
      AnyValue.newBuilder().setStringValue("user alice logged in").build(),
      AnyValue.newBuilder().setStringValue("").build(),
      AnyValue.newBuilder().setBoolValue(false).build(),
      AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build(),
      AnyValue.newBuilder().setIntValue(0).build(),
      AnyValue.newBuilder().setDoubleValue(637.704).build(),
      AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff, 42})).build(),
      array,
      kvlist,
    };
    ScopeLogs.Builder scopeLogs = ScopeLogs.newBuilder().setScope(scope());
    for (int i = 0; i < bodies.length; i++) {
      scopeLogs.addLogRecords(LogRecord.newBuilder()
          .setTimeUnixNano(START + i)
          .setObservedTimeUnixNano(START + i + 1)
          .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
          .setSeverityText("ERROR")
          .setBody(bodies[i])
          .addAttributes(attribute("code.function", "login"))
          .setFlags(1)
          .setTraceId(TRACE_ID)
          .setSpanId(SPAN_ID)
          .setEventName(i == 0 ? "auth.login" : ""));
    }
    scopeLogs.addLogRecords(LogRecord.newBuilder().setObservedTimeUnixNano(START)); // no body, no ids
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource()).addScopeLogs(scopeLogs))
        .build();
  }
}
