package io.homeostat.receiver.otlp;

import static io.homeostat.receiver.otlp.TestRequests.span;
import static io.homeostat.receiver.otlp.TestRequests.traceRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.homeostat.core.config.ByteSize;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP: the SDK suite, and what only a raw HTTP client can send or see. */
class HttpReceiverTest extends SdkExportSuite {

  private static final String PROTOBUF = "application/x-protobuf";
  private static final String JSON = "application/json";

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  @Override
  Transport transport() {
    return Transport.HTTP;
  }

  @Override
  OtlpReceiverConfig.Protocols protocols() {
    return new OtlpReceiverConfig.Protocols(null, RunningReceiver.http(ByteSize.ofMebibytes(20)));
  }

  @Override
  SpanExporter spanExporter(String compression) {
    return OtlpHttpSpanExporter.builder().setEndpoint(running.httpUrl("/v1/traces"))
        .setCompression(compression).setRetryPolicy(ONE_RETRY).build();
  }

  @Override
  MetricExporter metricExporter(String compression) {
    return OtlpHttpMetricExporter.builder().setEndpoint(running.httpUrl("/v1/metrics"))
        .setCompression(compression).setRetryPolicy(ONE_RETRY).build();
  }

  @Override
  LogRecordExporter logExporter(String compression) {
    return OtlpHttpLogRecordExporter.builder().setEndpoint(running.httpUrl("/v1/logs"))
        .setCompression(compression).setRetryPolicy(ONE_RETRY).build();
  }

  @Test
  void refusedIs503WithRetryAfterInWholeSeconds() throws Exception {
    running.consumer(Signal.TRACES).answer(
        new Outcome.Refused(Duration.ofMillis(2500), "the ring is full"));
    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, validBody());
    assertEquals(503, response.statusCode());
    assertEquals("3", response.headers().firstValue("Retry-After").orElseThrow());
    assertStatus(response, Code.UNAVAILABLE, "the ring is full");
    assertEquals(2, running.counted("refused", Signal.TRACES, Transport.HTTP));
    running.consumer(Signal.TRACES).next();
    assertStillServes();
  }

  @Test
  void invalidIs400WithAStatus() throws Exception {
    running.consumer(Signal.TRACES).answer(
        new Outcome.Invalid("span 'GET /checkout' has no req attribute"));
    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, validBody());
    assertEquals(400, response.statusCode());
    assertStatus(response, Code.INVALID_ARGUMENT, "span 'GET /checkout' has no req attribute");
    running.consumer(Signal.TRACES).next();
    assertStillServes();
  }

  @Test
  void partialSuccessIsInThe200Response() throws Exception {
    running.consumer(Signal.TRACES).answer(new Outcome.Accepted(1, "1 span dropped: no req key"));
    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF,
        traceRequest(span("good", 16, 8, 0), span("bad", 16, 7, 0)).toByteArray());
    assertEquals(200, response.statusCode());
    assertEquals(PROTOBUF, response.headers().firstValue("Content-Type").orElseThrow());
    ExportTraceServiceResponse answer = ExportTraceServiceResponse.parseFrom(response.body());
    assertEquals(2, answer.getPartialSuccess().getRejectedSpans());
    assertEquals("1 span rejected for malformed ids; the first: span 'bad' has a 7-byte span_id,"
        + " not 8; 1 span dropped: no req key", answer.getPartialSuccess().getErrorMessage());
    assertEquals(0, running.counted("accepted", Signal.TRACES, Transport.HTTP));
    assertEquals(2, running.counted("refused", Signal.TRACES, Transport.HTTP));
  }

  @Test
  void anEmptyProtobufBodyIsAnEmptyRequest() throws Exception {
    HttpResponse<byte[]> response = post("/v1/logs", PROTOBUF, new byte[0]);
    assertEquals(200, response.statusCode());
    assertEquals(0, response.body().length, "an export response with nothing set");
    assertEquals(ExportLogsServiceRequest.getDefaultInstance(),
        running.consumer(Signal.LOGS).next());
  }

  @Test
  void garbageProtobufIs400() throws Exception {
    assertRefusedAndStillServes(post("/v1/traces", PROTOBUF,
        new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 1}), 400,
        Code.INVALID_ARGUMENT, "cannot decode the traces request as application/x-protobuf:"
            + " Protocol message tag had invalid wire type.");
  }

  @Test
  void truncatedProtobufIs400() throws Exception {
    byte[] whole = validBody();
    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF,
        Arrays.copyOf(whole, whole.length / 2));
    assertEquals(400, response.statusCode());
    assertTrue(status(response).getMessage().startsWith("cannot decode the traces request as"
        + " application/x-protobuf: While parsing a protocol message, the input ended"
        + " unexpectedly"), status(response).getMessage());
    assertStillServes();
  }

  @Test
  void anotherContentTypeIs415ListingTheAcceptedOnes() throws Exception {
    HttpResponse<byte[]> response = post("/v1/traces", "text/plain; charset=utf-8", validBody());
    assertEquals(415, response.statusCode());
    assertEquals("unsupported Content-Type 'text/plain': send application/x-protobuf or"
        + " application/json\n", new String(response.body(), StandardCharsets.UTF_8));
    assertStillServes();
  }

  @Test
  void aMissingContentTypeIs415() throws Exception {
    HttpResponse<byte[]> response = post("/v1/traces", null, validBody());
    assertEquals(415, response.statusCode());
    assertEquals("missing Content-Type: send application/x-protobuf or application/json\n",
        new String(response.body(), StandardCharsets.UTF_8));
    assertStillServes();
  }

  @Test
  void anUnsupportedContentEncodingIs400NamingIt() throws Exception {
    assertRefusedAndStillServes(postTraces("compress", validBody()), 400, Code.INVALID_ARGUMENT,
        "unsupported Content-Encoding 'compress': send the body uncompressed, or compressed with"
            + " gzip or deflate");
  }

  @Test
  void aGzipBombPastTheLimitIs413() throws Exception {
    byte[] bomb = gzip(new byte[64 << 20]);
    assertRefusedAndStillServes(postTraces("gzip", bomb), 413, Code.RESOURCE_EXHAUSTED,
        "request body exceeds max_request_body_size (20971520 bytes) after decompression: send"
            + " smaller batches");
  }

  @Test
  void aCorruptGzipBodyIs400() throws Exception {
    byte[] corrupt = gzip(validBody());
    for (int i = 12; i < corrupt.length - 8; i++) {
      corrupt[i] ^= 0x5a;
    }
    HttpResponse<byte[]> response = postTraces("gzip", corrupt);
    assertEquals(400, response.statusCode());
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
    assertEquals(Code.INVALID_ARGUMENT.getNumber(), status.getCode());
    assertTrue(status.getMessage().startsWith("the request body could not be decompressed: "),
        status.getMessage());
    assertStillServes();
  }

  @Test
  void getOnAnExportPathIs405AllowingPost() throws Exception {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/traces")).GET());
    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    assertEquals("GET is not allowed on /v1/traces: send POST\n",
        new String(response.body(), StandardCharsets.UTF_8));
    assertStillServes();
  }

  @Test
  void anUnknownPathIs404() throws Exception {
    assertRefusedAndStillServes(post("/v1/spans", PROTOBUF, validBody()), 404, Code.NOT_FOUND,
        "no OTLP endpoint at '/v1/spans'; this receiver serves POST /v1/logs, /v1/metrics,"
            + " /v1/traces");
  }

  @Test
  void thePathOfASignalNoPipelineUsesIs404() throws Exception {
    try (RunningReceiver tracesOnly = RunningReceiver.start(new OtlpReceiverConfig(
        new OtlpReceiverConfig.Protocols(null, RunningReceiver.http(
            ByteSize.ofMebibytes(1)))), Signal.TRACES)) {
      URI metrics = URI.create(tracesOnly.httpUrl("/v1/metrics"));
      HttpResponse<byte[]> response = send(HttpRequest.newBuilder(metrics)
          .header("Content-Type", PROTOBUF)
          .POST(BodyPublishers.ofByteArray(new byte[0])));
      assertEquals(404, response.statusCode());
      assertStatus(response, Code.NOT_FOUND,
          "no OTLP endpoint at '/v1/metrics'; this receiver serves POST /v1/traces");
    }
  }

  @Test
  void otlpJsonFromTheSdkArrivesAsTheSameRequestAndIsAnsweredInJson() throws Exception {
    List<SpanData> spans = SdkTelemetry.spans();
    HttpResponse<byte[]> response = post("/v1/traces", JSON, SdkTelemetry.traceJson(spans));
    assertEquals(200, response.statusCode());
    assertEquals(JSON, response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("{}", new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(SdkTelemetry.traceRequest(spans), running.consumer(Signal.TRACES).next());
  }

  @Test
  void gzippedJsonIsDecompressedFirst() throws Exception {
    List<SpanData> spans = SdkTelemetry.spans();
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/v1/traces"))
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Content-Encoding", "gzip")
        .POST(BodyPublishers.ofByteArray(gzip(SdkTelemetry.traceJson(spans)))));
    assertEquals(200, response.statusCode());
    assertEquals(SdkTelemetry.traceRequest(spans), running.consumer(Signal.TRACES).next());
  }

  @Test
  void partialSuccessIsAnsweredInJsonToAJsonRequest() throws Exception {
    running.consumer(Signal.TRACES).answer(new Outcome.Accepted(1, "1 span dropped: no req key"));
    HttpResponse<byte[]> response = post("/v1/traces", JSON,
        SdkTelemetry.traceJson(SdkTelemetry.spans()));
    assertEquals(200, response.statusCode());
    assertEquals("{\"partialSuccess\":{\"rejectedSpans\":\"1\","
        + "\"errorMessage\":\"1 span dropped: no req key\"}}",
        new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void refusedIsAJsonStatusWithRetryInfoToAJsonRequest() throws Exception {
    running.consumer(Signal.LOGS).answer(new Outcome.Refused(Duration.ofSeconds(2), "queue full"));
    HttpResponse<byte[]> response = post("/v1/logs", JSON, "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(503, response.statusCode());
    assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
    Status status = jsonStatus(response);
    assertEquals(Code.UNAVAILABLE_VALUE, status.getCode());
    assertEquals("queue full", status.getMessage());
    assertEquals(com.google.protobuf.Duration.newBuilder().setSeconds(2).build(),
        status.getDetails(0).unpack(RetryInfo.class).getRetryDelay());
  }

  @Test
  void jsonThatIsNotJsonIs400() throws Exception {
    HttpResponse<byte[]> response = post("/v1/traces", JSON,
        "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.statusCode());
    Status status = jsonStatus(response);
    assertEquals(Code.INVALID_ARGUMENT_VALUE, status.getCode());
    assertTrue(status.getMessage().startsWith(
        "cannot decode the traces request as application/json: "), status.getMessage());
    assertStillServes();
  }

  @Test
  void jsonWithAMalformedFieldIs400NamingTheField() throws Exception {
    String json = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"abc\","
        + "\"spanId\":\"00f067aa0ba902b7\",\"name\":\"x\"}]}]}]}";
    HttpResponse<byte[]> response = post("/v1/traces", JSON, json.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.statusCode());
    Status status = jsonStatus(response);
    BadRequest.FieldViolation violation = status.getDetails(0).unpack(BadRequest.class)
        .getFieldViolations(0);
    assertEquals("resourceSpans[0].scopeSpans[0].spans[0].traceId", violation.getField());
    assertEquals("cannot decode the traces request as application/json: "
        + violation.getField() + ": " + violation.getDescription() + " (line 1, column 55)",
        status.getMessage());
    assertStillServes();
  }

  /** Unlike protobuf, JSON has no empty encoding of a message: an empty request is {@code {}}. */
  @Test
  void anEmptyJsonBodyIs400() throws Exception {
    HttpResponse<byte[]> response = post("/v1/metrics", JSON, new byte[0]);
    assertEquals(400, response.statusCode());
    assertEquals("cannot decode the metrics request as application/json: expected an object"
        + " (opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest), got the end"
        + " of input (line 1, column 0)", jsonStatus(response).getMessage());
    assertEquals(0, running.consumer(Signal.METRICS).pending());
    assertStillServes();
  }

  /**
   * Asserts that {@code response} refused the request with a protobuf Status, that nothing reached
   * the pipeline, and that the next request is served.
   */
  private void assertRefusedAndStillServes(HttpResponse<byte[]> response, int httpStatus,
      Code code, String message) throws Exception {
    assertEquals(httpStatus, response.statusCode());
    assertStatus(response, code, message);
    assertEquals(0, running.consumer(Signal.TRACES).pending());
    assertStillServes();
  }

  private void assertStillServes() throws Exception {
    byte[] body = validBody();
    HttpResponse<byte[]> response = post("/v1/traces", PROTOBUF, body);
    assertEquals(200, response.statusCode());
    assertEquals(ExportTraceServiceResponse.getDefaultInstance(),
        ExportTraceServiceResponse.parseFrom(response.body()));
    assertEquals(ExportTraceServiceRequest.parseFrom(body), running.consumer(Signal.TRACES).next());
  }

  private static byte[] validBody() throws IOException {
    return SdkTelemetry.traceRequest(SdkTelemetry.spans()).toByteArray();
  }

  private HttpResponse<byte[]> post(String path, String contentType, byte[] body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .POST(BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request);
  }

  /** Posts protobuf traces sent with {@code Content-Encoding: contentEncoding}. */
  private HttpResponse<byte[]> postTraces(String contentEncoding, byte[] body) throws Exception {
    return send(HttpRequest.newBuilder(uri("/v1/traces")).header("Content-Type", PROTOBUF)
        .header("Content-Encoding", contentEncoding).POST(BodyPublishers.ofByteArray(body)));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofByteArray());
  }

  private URI uri(String path) {
    return URI.create(running.httpUrl(path));
  }

  private static void assertStatus(HttpResponse<byte[]> response, Code code, String message)
      throws InvalidProtocolBufferException {
    assertEquals(PROTOBUF, response.headers().firstValue("Content-Type").orElseThrow());
    Status status = status(response);
    assertEquals(code.getNumber(), status.getCode());
    assertEquals(message, status.getMessage());
  }

  private static Status jsonStatus(HttpResponse<byte[]> response) throws IOException {
    assertEquals(JSON, response.headers().firstValue("Content-Type").orElseThrow());
    return OtlpJson.decode(new ByteArrayInputStream(response.body()), Status.getDefaultInstance());
  }

  private static Status status(HttpResponse<byte[]> response)
      throws InvalidProtocolBufferException {
    return Status.parseFrom(response.body());
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
