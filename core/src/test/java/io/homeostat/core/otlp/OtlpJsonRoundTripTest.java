package io.homeostat.core.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OtlpJsonRoundTripTest {

  static Stream<Arguments> requests() {
    return Stream.of(
        Arguments.of(Signal.TRACES, OtlpSamples.traces()),
        Arguments.of(Signal.METRICS, OtlpSamples.metrics()),
        Arguments.of(Signal.LOGS, OtlpSamples.logs()));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void decodingTheEncodingGivesTheRequestBack(Signal signal, Message request) throws IOException {
    byte[] json = OtlpJson.encode(request);

    assertEquals(request, OtlpJson.decode(new ByteArrayInputStream(json), request.getDefaultInstanceForType()));
    assertEquals(request, OtlpJson.decodeRequest(signal, new ByteArrayInputStream(json)));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void writesOneLineAndLeavesTheStreamOpenAndUnflushed(Signal signal, Message request) throws IOException {
    StrictStream out = new StrictStream();
    out.write('[');
    OtlpJson.encode(request, out);
    out.write(']');

    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals("[" + new String(OtlpJson.encode(request), StandardCharsets.UTF_8) + "]", text);
    assertFalse(text.contains("\n"), "one request is one line");
  }

  @ParameterizedTest
  @MethodSource("requests")
  void encodesABuilderAsItsMessage(Signal signal, Message request) {
    assertArrayEquals(OtlpJson.encode(request), OtlpJson.encode(request.toBuilder()));
  }

  @Test
  void writesHexIdsStringInt64sIntegerEnumsAndNoDefaults() {
    Span span = Span.newBuilder()
        .setTraceId(OtlpSamples.TRACE_ID)
        .setSpanId(OtlpSamples.SPAN_ID)
        .setName("GET /")
        .setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setStartTimeUnixNano(OtlpSamples.START)
        .setEndTimeUnixNano(-1L) // fixed64 all ones
        .addAttributes(OtlpSamples.attribute("n", AnyValue.newBuilder().setIntValue(-42).build()))
        .addAttributes(OtlpSamples.attribute("zero", AnyValue.newBuilder().setIntValue(0).build()))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
        .build();

    assertEquals(
        "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"GET /\","
            + "\"kind\":2,\"startTimeUnixNano\":\"1544712660000000000\",\"endTimeUnixNano\":\"18446744073709551615\","
            + "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"-42\"}},"
            + "{\"key\":\"zero\",\"value\":{\"intValue\":\"0\"}}],\"status\":{\"code\":2}}",
        json(span));
  }

  @Test
  void writesSetOneofsAndOptionalsEvenWhenZero() {
    assertEquals("{\"asInt\":\"0\"}", json(NumberDataPoint.newBuilder().setAsInt(0).build()));
    assertEquals("{\"asDouble\":0.0}", json(NumberDataPoint.newBuilder().setAsDouble(0).build()));
    assertEquals("{\"sum\":0.0,\"min\":0.0}", json(HistogramDataPoint.newBuilder().setSum(0).setMin(0).build()));
    assertEquals("{}", json(HistogramDataPoint.getDefaultInstance()));
    assertEquals("{\"value\":{}}", json(io.opentelemetry.proto.common.v1.KeyValue.newBuilder()
        .setValue(AnyValue.getDefaultInstance()).build()));
  }

  @Test
  void writesNonFiniteDoublesAsTheirStrings() {
    assertEquals("{\"asDouble\":\"NaN\"}", json(NumberDataPoint.newBuilder().setAsDouble(Double.NaN).build()));
    assertEquals("{\"asDouble\":\"Infinity\"}", json(NumberDataPoint.newBuilder().setAsDouble(Double.POSITIVE_INFINITY).build()));
    assertEquals("{\"asDouble\":\"-Infinity\"}", json(NumberDataPoint.newBuilder().setAsDouble(Double.NEGATIVE_INFINITY).build()));
  }

  @Test
  void writesAnEmptyResponseAsAnEmptyObjectAndAPartialSuccessInFull() {
    assertEquals("{}", json(ExportTraceServiceResponse.getDefaultInstance()));
    assertEquals(
        "{\"partialSuccess\":{\"rejectedLogRecords\":\"3\",\"errorMessage\":\"3 records without req\"}}",
        json(ExportLogsServiceResponse.newBuilder()
            .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                .setRejectedLogRecords(3)
                .setErrorMessage("3 records without req"))
            .build()));
  }

  private static String json(Message message) {
    return new String(OtlpJson.encode(message), StandardCharsets.UTF_8);
  }

  /** Fails on close() and flush(): the file exporter owns its stream and flushes it in batches. */
  private static final class StrictStream extends ByteArrayOutputStream {
    @Override
    public void flush() {
      throw new AssertionError("encode must not flush the caller's stream");
    }

    @Override
    public void close() {
      throw new AssertionError("encode must not close the caller's stream");
    }
  }
}
