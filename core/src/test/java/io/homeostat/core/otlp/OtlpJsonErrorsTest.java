package io.homeostat.core.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Message;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input is an OtlpJsonException whose message names the path and position. */
class OtlpJsonErrorsTest {

  private static final Message TRACES = ExportTraceServiceRequest.getDefaultInstance();
  private static final Message METRICS = ExportMetricsServiceRequest.getDefaultInstance();
  private static final Message LOGS = ExportLogsServiceRequest.getDefaultInstance();
  private static final Message STATUS = Status.getDefaultInstance();

  /** A span with {@code members} inside a traces request. */
  private static String span(String members) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":\"a\"},{" + members + "}]}]}]}";
  }

  private static String logBody(String body) {
    return "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"body\":" + body + "}]}]}]}";
  }

  private static String numberPoint(String members) {
    return "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"gauge\":{\"dataPoints\":[{" + members + "}]}}]}]}]}";
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(TRACES, span("\"traceId\":\"5b8efff798038103d269b633813fc6zz\""),
            "resourceSpans[0].scopeSpans[0].spans[1].traceId: expected a trace id of 32 hex digits, got \"5b8efff798038103d269b633813fc6zz\" (line 1, column 68)"),
        Arguments.of(TRACES, span("\"spanId\":\"eee19b7ec3c1b1\""),
            "resourceSpans[0].scopeSpans[0].spans[1].spanId: expected a span id of 16 hex digits, got \"eee19b7ec3c1b1\" (line 1, column 67)"),
        Arguments.of(TRACES, span("\"parentSpanId\":5"),
            "resourceSpans[0].scopeSpans[0].spans[1].parentSpanId: expected a span id of 16 hex digits, got 5 (line 1, column 73)"),
        Arguments.of(TRACES, span("\"links\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c00\"}]"),
            "resourceSpans[0].scopeSpans[0].spans[1].links[0].traceId: expected a trace id of 32 hex digits, got \"5b8efff798038103d269b633813fc60c00\" (line 1, column 78)"),
        Arguments.of(TRACES, "{\"resourceSpans\":[{\"resource\":\"checkout\"}]}",
            "resourceSpans[0].resource: expected an object (opentelemetry.proto.resource.v1.Resource), got \"checkout\" (line 1, column 31)"),
        Arguments.of(TRACES, "{\"resourceSpans\":{}}",
            "resourceSpans: expected an array, got an object (line 1, column 18)"),
        Arguments.of(TRACES, span("\"droppedAttributesCount\":4294967296"),
            "resourceSpans[0].scopeSpans[0].spans[1].droppedAttributesCount: 4294967296 is out of range for uint32 (line 1, column 83)"),
        Arguments.of(TRACES, span("\"flags\":-1"),
            "resourceSpans[0].scopeSpans[0].spans[1].flags: -1 is out of range for uint32 (line 1, column 66)"),
        Arguments.of(TRACES, span("\"startTimeUnixNano\":\"-1\""),
            "resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano: \"-1\" is out of range for uint64 (line 1, column 78)"),
        Arguments.of(TRACES, span("\"startTimeUnixNano\":\"soon\""),
            "resourceSpans[0].scopeSpans[0].spans[1].startTimeUnixNano: expected an integer (uint64), got \"soon\" (line 1, column 78)"),
        Arguments.of(TRACES, span("\"endTimeUnixNano\":18446744073709551616"),
            "resourceSpans[0].scopeSpans[0].spans[1].endTimeUnixNano: 18446744073709551616 is out of range for uint64 (line 1, column 76)"),
        Arguments.of(TRACES, span("\"endTimeUnixNano\":{}"),
            "resourceSpans[0].scopeSpans[0].spans[1].endTimeUnixNano: expected an integer (uint64), got an object (line 1, column 76)"),
        Arguments.of(TRACES, span("\"kind\":\"SPAN_KIND_SIDEWAYS\""),
            "resourceSpans[0].scopeSpans[0].spans[1].kind: expected a number or name of opentelemetry.proto.trace.v1.Span.SpanKind, got \"SPAN_KIND_SIDEWAYS\" (line 1, column 65)"),
        Arguments.of(TRACES, span("\"kind\":2.0"),
            "resourceSpans[0].scopeSpans[0].spans[1].kind: expected a number or name of opentelemetry.proto.trace.v1.Span.SpanKind, got 2.0 (line 1, column 65)"),
        Arguments.of(TRACES, span("\"name\":5"),
            "resourceSpans[0].scopeSpans[0].spans[1].name: expected a string, got 5 (line 1, column 65)"),
        Arguments.of(TRACES, span("\"status\":{\"code\":true}"),
            "resourceSpans[0].scopeSpans[0].spans[1].status.code: expected a number or name of opentelemetry.proto.trace.v1.Status.StatusCode, got true (line 1, column 75)"),
        Arguments.of(TRACES, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[null]}]}]}",
            "resourceSpans[0].scopeSpans[0].spans[0]: expected an object (opentelemetry.proto.trace.v1.Span), got null (line 1, column 44)"),
        Arguments.of(LOGS, logBody("{\"intValue\":\"9223372036854775808\"}"),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body.intValue: \"9223372036854775808\" is out of range for int64 (line 1, column 67)"),
        Arguments.of(LOGS, logBody("{\"intValue\":1.5}"),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body.intValue: expected an integer (int64), got 1.5 (line 1, column 67)"),
        Arguments.of(LOGS, logBody("{\"intValue\":\"" + "9".repeat(100_000) + "\"}"),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body.intValue: expected an integer (int64), got \""
                + "9".repeat(64) + "…\" (line 1, column 67)"),
        Arguments.of(LOGS, logBody("{\"boolValue\":\"yes\"}"),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body.boolValue: expected true or false, got \"yes\" (line 1, column 68)"),
        Arguments.of(LOGS, logBody("{\"bytesValue\":\"not base64!\"}"),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body.bytesValue: expected base64, got \"not base64!\" (line 1, column 69)"),
        Arguments.of(LOGS, logBody("{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":{\"arrayValue\":{\"values\":[{},{\"doubleValue\":[]}]}}}]}}"),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body.kvlistValue.values[0].value.arrayValue.values[1].doubleValue: expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got an array (line 1, column 143)"),
        Arguments.of(LOGS, logBody("\"plain text\""),
            "resourceLogs[0].scopeLogs[0].logRecords[0].body: expected an object (opentelemetry.proto.common.v1.AnyValue), got \"plain text\" (line 1, column 55)"),
        Arguments.of(LOGS, "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"spanId\":\"EEE19B7EC3C1B17\"}]}]}]}",
            "resourceLogs[0].scopeLogs[0].logRecords[0].spanId: expected a span id of 16 hex digits, got \"EEE19B7EC3C1B17\" (line 1, column 57)"),
        Arguments.of(METRICS, numberPoint("\"asDouble\":\"fast\""),
            "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asDouble: expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got \"fast\" (line 1, column 86)"),
        Arguments.of(METRICS, numberPoint("\"asDouble\":1e400"),
            "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asDouble: 1e400 is out of range for double (line 1, column 86)"),
        Arguments.of(METRICS, numberPoint("\"exemplars\":[{\"spanId\":\"\"},{\"traceId\":\"xyz\"}]"),
            "resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].exemplars[1].traceId: expected a trace id of 32 hex digits, got \"xyz\" (line 1, column 113)"),
        Arguments.of(STATUS, "{\"details\":[{\"@type\":\"type.googleapis.com/acme.Secret\",\"x\":1}]}",
            "details[0].@type: expected the type URL of google.rpc.Status or one of its error details, such as \"type.googleapis.com/google.rpc.RetryInfo\", got \"type.googleapis.com/acme.Secret\" (line 1, column 22)"),
        Arguments.of(STATUS, "{\"details\":[{\"@type\":42}]}",
            "details[0].@type: expected the type URL of google.rpc.Status or one of its error details, such as \"type.googleapis.com/google.rpc.RetryInfo\", got 42 (line 1, column 22)"),
        Arguments.of(STATUS, "{\"details\":[{\"retryDelay\":\"1s\"}]}",
            "details[0]: expected \"@type\" in a google.protobuf.Any that has members (line 1, column 31)"),
        Arguments.of(STATUS, "{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1.5\"}]}",
            "details[0].retryDelay: expected a duration like \"1.5s\", got \"1.5\" (line 1, column 78)"),
        Arguments.of(STATUS, "{\"details\":[{\"retryDelay\":1.5,\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\"}]}",
            "details[0].retryDelay: expected a duration like \"1.5s\", got 1.5 (line 1, column 81)"),
        Arguments.of(STATUS, "{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"metadata\":[]}]}",
            "details[0].metadata: expected an object (a map), got an array (line 1, column 76)"),
        Arguments.of(STATUS, "{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"metadata\":{\"a\":\"b\",\"c\":7}}]}",
            "details[0].metadata[\"c\"]: expected a string, got 7 (line 1, column 89)"),
        Arguments.of(STATUS, "{\"details\":[{\"@type\":\"type.googleapis.com/google.protobuf.Timestamp\",\"value\":\"yesterday\"}]}",
            "details[0].value: expected an RFC 3339 timestamp like \"1972-01-01T10:00:20.021Z\", got \"yesterday\" (line 1, column 78)"),
        Arguments.of(STATUS, "{\"code\":\"14\"}x",
            "malformed JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (line 1, column 14)"),
        Arguments.of(TRACES, "{\"resourceSpans\":[}",
            "resourceSpans: malformed JSON: Unexpected close marker '}': expected ']' (for Array starting at [line: 1, column: 18]) (line 1, column 19)"),
        Arguments.of(TRACES, "{\"resourceSpans\":[{\"scopeSpans\":[{",
            "resourceSpans[0].scopeSpans[0]: malformed JSON: Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 34]) (line 1, column 35)"),
        Arguments.of(TRACES, "{} {}",
            "expected the end of input after the top-level value, got an object (line 1, column 4)"),
        Arguments.of(TRACES, "",
            "expected an object (opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest), got the end of input (line 1, column 0)"),
        Arguments.of(TRACES, "[]",
            "expected an object (opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest), got an array (line 1, column 1)"),
        Arguments.of(TRACES, "{\n  \"resourceSpans\": [\n    {\"schemaUrl\": 1}\n  ]\n}",
            "resourceSpans[0].schemaUrl: expected a string, got 1 (line 3, column 19)"),
        Arguments.of(LOGS, nested(101), nestedTooDeep()));
  }

  /** The 101st message level: request, ResourceLogs, ScopeLogs, LogRecord, then AnyValue/ArrayValue pairs. */
  private static String nestedTooDeep() {
    return "resourceLogs[0].scopeLogs[0].logRecords[0].body" + ".arrayValue.values[0]".repeat(48)
        + ": messages nested more than 100 deep (line 1, column 1255)";
  }

  /** A log body of AnyValues nested {@code depth} deep. */
  private static String nested(int depth) {
    String body = "{\"stringValue\":\"bottom\"}";
    for (int i = 0; i < depth; i++) {
      body = "{\"arrayValue\":{\"values\":[" + body + "]}}";
    }
    return logBody(body);
  }

  @ParameterizedTest
  @MethodSource("badInputs")
  void saysWhatIsWrongAndWhere(Message prototype, String json, String message) {
    OtlpJsonException e = assertThrows(OtlpJsonException.class,
        () -> OtlpJson.decode(stream(json), prototype));
    assertEquals(message, e.getMessage());
  }

  @Test
  void givesThePartsOfTheMessageForBadRequestDetails() {
    OtlpJsonException e = assertThrows(OtlpJsonException.class,
        () -> OtlpJson.decode(stream(span("\"kind\":\"SIDEWAYS\"")), TRACES));

    assertEquals("resourceSpans[0].scopeSpans[0].spans[1].kind", e.path());
    assertEquals("expected a number or name of opentelemetry.proto.trace.v1.Span.SpanKind, got \"SIDEWAYS\"", e.reason());
    assertEquals(1, e.line());
    assertEquals(65, e.column());
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] json = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xff, '"', '}'};

    OtlpJsonException e = assertThrows(OtlpJsonException.class,
        () -> OtlpJson.decode(new ByteArrayInputStream(json), Span.getDefaultInstance()));
    assertEquals("name: malformed JSON: Invalid UTF-8 start byte 0xff (line 1, column 11)", e.getMessage());
  }

  @Test
  void reportsAFailingStreamWithItsCause() {
    IOException broken = new IOException("connection reset");
    InputStream json = new InputStream() {
      @Override
      public int read() throws IOException {
        throw broken;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        throw broken;
      }
    };

    OtlpJsonException e = assertThrows(OtlpJsonException.class, () -> OtlpJson.decode(json, TRACES));
    assertEquals("cannot read the input: connection reset", e.getMessage());
    assertSame(broken, e.getCause());
  }

  private static InputStream stream(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
