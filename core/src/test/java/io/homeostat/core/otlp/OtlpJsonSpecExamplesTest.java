package io.homeostat.core.otlp;

import static io.homeostat.core.otlp.OtlpSamples.attribute;
import static io.homeostat.core.otlp.OtlpSamples.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
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
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The example documents of the OTLP specification (open-telemetry/opentelemetry-proto,
 * {@code examples/trace.json}, {@code metrics.json}, {@code logs.json}; Apache-2.0) decode into
 * the messages they describe, built here by hand. They write ids in upper case and 64-bit
 * integers as JSON numbers.
 */
class OtlpJsonSpecExamplesTest {

  private static final long TIME = 1_544_712_660_300_000_000L;

  @Test
  void traceExample() throws IOException {
    ExportTraceServiceRequest expected = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .setResource(resource())
            .addScopeSpans(ScopeSpans.newBuilder()
                .setScope(scope())
                .addSpans(Span.newBuilder()
                    .setTraceId(hex("5b8efff798038103d269b633813fc60c"))
                    .setSpanId(hex("eee19b7ec3c1b174"))
                    .setParentSpanId(hex("eee19b7ec3c1b173"))
                    .setName("I'm a server span")
                    .setStartTimeUnixNano(1_544_712_660_000_000_000L)
                    .setEndTimeUnixNano(1_544_712_661_000_000_000L)
                    .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                    .addAttributes(attribute("my.span.attr", "some value")))))
        .build();

    assertEquals(expected, decode(Signal.TRACES, "trace.json"));
  }

  @Test
  void metricsExample() throws IOException {
    Metric counter = Metric.newBuilder()
        .setName("my.counter")
        .setUnit("1")
        .setDescription("I am a Counter")
        .setSum(Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .setIsMonotonic(true)
            .addDataPoints(NumberDataPoint.newBuilder()
                .setAsDouble(5)
                .setStartTimeUnixNano(TIME)
                .setTimeUnixNano(TIME)
                .addAttributes(attribute("my.counter.attr", "some value"))))
        .build();
    Metric gauge = Metric.newBuilder()
        .setName("my.gauge")
        .setUnit("1")
        .setDescription("I am a Gauge")
        .setGauge(Gauge.newBuilder()
            .addDataPoints(NumberDataPoint.newBuilder()
                .setAsDouble(10)
                .setTimeUnixNano(TIME)
                .addAttributes(attribute("my.gauge.attr", "some value"))))
        .build();
    Metric histogram = Metric.newBuilder()
        .setName("my.histogram")
        .setUnit("1")
        .setDescription("I am a Histogram")
        .setHistogram(Histogram.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(HistogramDataPoint.newBuilder()
                .setStartTimeUnixNano(TIME)
                .setTimeUnixNano(TIME)
                .setCount(2)
                .setSum(2)
                .addBucketCounts(1)
                .addBucketCounts(1)
                .addExplicitBounds(1)
                .setMin(0)
                .setMax(2)
                .addAttributes(attribute("my.histogram.attr", "some value"))))
        .build();
    ExportMetricsServiceRequest expected = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder()
            .setResource(resource())
            .addScopeMetrics(ScopeMetrics.newBuilder()
                .setScope(scope())
                .addMetrics(counter)
                .addMetrics(gauge)
                .addMetrics(histogram)))
        .build();

    assertEquals(expected, decode(Signal.METRICS, "metrics.json"));
  }

  @Test
  void logsExample() throws IOException {
    LogRecord record = LogRecord.newBuilder()
        .setTimeUnixNano(TIME)
        .setObservedTimeUnixNano(TIME)
        .setSeverityText("Information")
        .setTraceId(hex("5b8efff798038103d269b633813fc60c"))
        .setSpanId(hex("eee19b7ec3c1b174"))
        .setBody(AnyValue.newBuilder().setStringValue("Example log record"))
        .addAttributes(attribute("string.attribute", "some string"))
        .addAttributes(attribute("boolean.attribute", AnyValue.newBuilder().setBoolValue(true).build()))
        .addAttributes(attribute("int.attribute", AnyValue.newBuilder().setIntValue(10).build()))
        .addAttributes(attribute("double.attribute", AnyValue.newBuilder().setDoubleValue(637.704).build()))
        .addAttributes(attribute("array.attribute", AnyValue.newBuilder()
            .setArrayValue(ArrayValue.newBuilder()
                .addValues(AnyValue.newBuilder().setStringValue("many"))
                .addValues(AnyValue.newBuilder().setStringValue("values")))
            .build()))
        .addAttributes(attribute("map.attribute", AnyValue.newBuilder()
            .setKvlistValue(KeyValueList.newBuilder().addValues(attribute("some.map.key", "some value")))
            .build()))
        .build();
    ExportLogsServiceRequest expected = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder()
            .setResource(resource())
            .addScopeLogs(ScopeLogs.newBuilder().setScope(scope()).addLogRecords(record)))
        .build();

    assertEquals(expected, decode(Signal.LOGS, "logs.json"));
  }

  private static Resource resource() {
    return Resource.newBuilder().addAttributes(attribute("service.name", "my.service")).build();
  }

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder()
        .setName("my.library")
        .setVersion("1.0.0")
        .addAttributes(attribute("my.scope.attribute", "some scope attribute"))
        .build();
  }

  private static Object decode(Signal signal, String resource) throws IOException {
    try (InputStream json = OtlpJsonSpecExamplesTest.class.getResourceAsStream(resource)) {
      return OtlpJson.decodeRequest(signal, json);
    }
  }
}
