package io.homeostat.core.otlp;

import static io.homeostat.core.otlp.OtlpSamples.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the decoder accepts beyond its own output, as the OTLP spec and the Collector accept it. */
class OtlpJsonReadingTest {

  private static final Span SPAN = Span.newBuilder()
      .setTraceId(OtlpSamples.TRACE_ID)
      .setSpanId(OtlpSamples.SPAN_ID)
      .setKind(Span.SpanKind.SPAN_KIND_SERVER)
      .setStartTimeUnixNano(START)
      .build();

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\"}",
    "{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"EEE19B7EC3C1B174\"}",
    "{\"traceId\":\"5b8EFFf798038103d269B633813fc60C\",\"spanId\":\"eeE19b7ec3C1b174\"}",
  })
  void readsHexIdsInEitherCase(String json) throws IOException {
    Span span = decode(json, Span.getDefaultInstance());

    assertEquals(OtlpSamples.TRACE_ID, span.getTraceId());
    assertEquals(OtlpSamples.SPAN_ID, span.getSpanId());
  }

  @Test
  void readsEmptyIdsAsUnset() throws IOException {
    assertEquals(Span.getDefaultInstance(), decode("{\"traceId\":\"\",\"spanId\":\"\",\"parentSpanId\":\"\"}", Span.getDefaultInstance()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1544712660000000000", "\"1544712660000000000\"", "1.54471266E18", "\"1.54471266e18\"", "1544712660000000000.0"})
  void readsInt64sAsNumbersOrStrings(String value) throws IOException {
    assertEquals(START, decode("{\"startTimeUnixNano\":" + value + "}", Span.getDefaultInstance()).getStartTimeUnixNano());
  }

  @ParameterizedTest
  @ValueSource(strings = {"18446744073709551615", "\"18446744073709551615\""})
  void readsUnsigned64BitMaximumAsNumberOrString(String value) throws IOException {
    assertEquals(-1L, decode("{\"endTimeUnixNano\":" + value + "}", Span.getDefaultInstance()).getEndTimeUnixNano());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-9223372036854775808", "\"-9223372036854775808\""})
  void readsTheSmallestInt64(String value) throws IOException {
    assertEquals(Long.MIN_VALUE, decode("{\"intValue\":" + value + "}", AnyValue.getDefaultInstance()).getIntValue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "\"2\""})
  void readsInt32sAsNumbersOrStrings(String value) throws IOException {
    assertEquals(2, decode("{\"droppedAttributesCount\":" + value + "}", Span.getDefaultInstance()).getDroppedAttributesCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"kind\":2}", "{\"kind\":\"SPAN_KIND_SERVER\"}"})
  void readsEnumsAsNumbersOrNames(String json) throws IOException {
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, decode(json, Span.getDefaultInstance()).getKind());
  }

  @Test
  void keepsEnumNumbersThisBuildDoesNotKnow() throws IOException {
    LogRecord record = decode("{\"severityNumber\":42}", LogRecord.getDefaultInstance());

    assertEquals(42, record.getSeverityNumberValue());
    assertEquals("{\"severityNumber\":42}", new String(OtlpJson.encode(record), StandardCharsets.UTF_8));
    assertEquals(SeverityNumber.SEVERITY_NUMBER_WARN,
        decode("{\"severity_number\":\"SEVERITY_NUMBER_WARN\"}", LogRecord.getDefaultInstance()).getSeverityNumber());
  }

  @Test
  void readsSnakeCaseKeys() throws IOException {
    String json = "{\"resource_spans\":[{\"scope_spans\":[{\"spans\":[{\"trace_id\":\"5b8efff798038103d269b633813fc60c\","
        + "\"span_id\":\"eee19b7ec3c1b174\",\"kind\":2,\"start_time_unix_nano\":\"1544712660000000000\"}]}]}]}";

    assertEquals(request(SPAN), OtlpJson.decodeRequest(Signal.TRACES, stream(json)));
  }

  @Test
  void readsNullAsUnset() throws IOException {
    String json = "{\"resourceSpans\":[{\"resource\":null,\"schemaUrl\":null,\"scopeSpans\":[{\"spans\":[{"
        + "\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\",\"kind\":2,"
        + "\"startTimeUnixNano\":\"1544712660000000000\",\"name\":null,\"parentSpanId\":null,\"endTimeUnixNano\":null,"
        + "\"attributes\":null,\"status\":null,\"events\":null}]}]}]}";

    assertEquals(request(SPAN), OtlpJson.decodeRequest(Signal.TRACES, stream(json)));
  }

  static Stream<Message> samples() {
    return Stream.of(OtlpSamples.traces(), OtlpSamples.metrics(), OtlpSamples.logs());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void skipsUnknownFieldsAtEveryLevel(Message request) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode tree = mapper.readTree(OtlpJson.encode(request));
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(tree, objects);
    for (ObjectNode object : objects) {
      object.put("unknownNumber", 1.5);
      object.putNull("unknownNull");
      object.putArray("unknownArray").add(1).addObject().putArray("deeper").addArray().add("x");
      object.putObject("unknownObject").putObject("nested").put("traceId", "not hex");
    }

    assertEquals(request, OtlpJson.decode(stream(mapper.writeValueAsString(tree)), request.getDefaultInstanceForType()));
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
    if (node instanceof ObjectNode object) {
      objects.add(object);
    }
    node.forEach(child -> collectObjects(child, objects));
  }

  @Test
  void readsDoublesAsNumbersAndTheirStrings() throws IOException {
    assertEquals(5.0, decode("{\"asDouble\":5}", NumberDataPoint.getDefaultInstance()).getAsDouble());
    assertEquals(2.5, decode("{\"asDouble\":\"2.5\"}", NumberDataPoint.getDefaultInstance()).getAsDouble());
    assertEquals(Double.NaN, decode("{\"asDouble\":\"NaN\"}", NumberDataPoint.getDefaultInstance()).getAsDouble());
    assertEquals(Double.POSITIVE_INFINITY, decode("{\"sum\":\"Infinity\"}", HistogramDataPoint.getDefaultInstance()).getSum());
    assertEquals(Double.NEGATIVE_INFINITY, decode("{\"min\":\"-Infinity\"}", HistogramDataPoint.getDefaultInstance()).getMin());
    assertEquals(-0.0, decode("{\"asDouble\":-0.0}", NumberDataPoint.getDefaultInstance()).getAsDouble());
  }

  @Test
  void keepsExplicitZerosOfOneofsAndOptionals() throws IOException {
    NumberDataPoint point = decode("{\"asInt\":\"0\"}", NumberDataPoint.getDefaultInstance());
    HistogramDataPoint histogram = decode("{\"min\":0,\"max\":0.0}", HistogramDataPoint.getDefaultInstance());

    assertEquals(NumberDataPoint.ValueCase.AS_INT, point.getValueCase());
    assertEquals(true, histogram.hasMin() && histogram.hasMax() && !histogram.hasSum());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AAH+/yo=", "AAH+/yo", "AAH-_yo=", "AAH-_yo"})
  void readsStandardAndUrlSafeBase64WithOrWithoutPadding(String base64) throws IOException {
    assertEquals(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff, 42}),
        decode("{\"bytesValue\":\"" + base64 + "\"}", AnyValue.getDefaultInstance()).getBytesValue());
  }

  @Test
  void acceptsWhitespaceAroundTheValueAndAByteOrderMark() throws IOException {
    assertEquals(SPAN, decode(" \n\t{\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\","
        + "\"kind\":2,\"startTimeUnixNano\":\"1544712660000000000\"}\r\n", Span.getDefaultInstance()));
    assertEquals(Span.getDefaultInstance(), decode("\uFEFF{}", Span.getDefaultInstance()));
  }

  @Test
  void leavesTheInputStreamOpen() throws IOException {
    InputStream json = new ByteArrayInputStream("{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)) {
      @Override
      public void close() {
        throw new AssertionError("decode must not close the caller's stream");
      }
    };

    assertEquals("x", OtlpJson.decode(json, Span.getDefaultInstance()).getName());
  }

  private static ExportTraceServiceRequest request(Span span) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  private static <T extends Message> T decode(String json, T prototype) throws IOException {
    return OtlpJson.decode(stream(json), prototype);
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
