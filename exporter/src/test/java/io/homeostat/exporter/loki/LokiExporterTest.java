package io.homeostat.exporter.loki;

import static io.homeostat.exporter.loki.LogRequests.attribute;
import static io.homeostat.exporter.loki.LogRequests.record;
import static io.homeostat.exporter.loki.LogRequests.request;
import static io.homeostat.exporter.loki.LogRequests.service;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.core.testing.LogCapture;
import io.homeostat.exporter.otlp.FakeHttpBackend;
import io.homeostat.exporter.otlp.FakeHttpBackend.Answer;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LokiExporterTest {

  private static final LokiExporterFactory FACTORY = new LokiExporterFactory();
  private static final ExportLogsServiceRequest TWO_RECORDS = request(service("auth",
      record(20, "second", attribute("req", "REQ-A")).setSeverityText("INFO"),
      record(10, "first", attribute("req", "REQ-A")).setSeverityText("INFO")));

  private final MetricRegistry registry = new MetricRegistry();
  private final ComponentSettings settings =
      new ComponentSettings(ComponentId.parse("loki"), registry, Path.of("."));
  private FakeHttpBackend backend;
  private Exporter exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    backend.close();
  }

  private LokiConfig config(String extra) {
    return ConfigFixture.bind(FACTORY, "loki:\n  endpoint: " + backend.url() + "\n" + extra);
  }

  private void start(String extra) throws Exception {
    exporter = FACTORY.create(settings, EnumSet.of(Signal.LOGS), config(extra));
    exporter.start();
  }

  private LokiSender sender(String extra) throws Exception {
    LokiConfig config = config(extra);
    LokiSender sender = new LokiSender(settings, config, mapper(config), Clock.systemUTC());
    sender.start();
    return sender;
  }

  private StreamMapper mapper(LokiConfig config) {
    return new StreamMapper(config.labels(), config.lineFormat(),
        registry.counter("test_truncated_total", ""), Clock.systemUTC());
  }

  private Outcome.Accepted send(String extra) throws Exception {
    return sender(extra).send(Signal.LOGS, TWO_RECORDS, Deadline.in(Duration.ofSeconds(5)));
  }

  private double metric(String name) {
    return registry.value(name, "exporter", "loki");
  }

  private static Answer answer(int status, Map<String, String> headers, String body) {
    return new Answer(status, headers, "text/plain; charset=utf-8",
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pushesSnappyProtobufToThePushPathWithTheTenantAndHeaders() throws Exception {
    backend = new FakeHttpBackend(false);
    backend.answerNext(answer(204, Map.of(), ""));
    start("  tenant_id: team-a\n  headers: { Authorization: Basic dTpw }\n");
    assertTrue(exporter.offer(Signal.LOGS, TWO_RECORDS));

    FakeHttpBackend.Received received = backend.nextRequest();
    assertEquals("/loki/api/v1/push", received.path());
    assertEquals("application/x-protobuf", received.headers().get("Content-Type"));
    assertNull(received.headers().get("Content-Encoding"));
    assertEquals("team-a", received.headers().get("X-Scope-OrgID"));
    assertEquals("Basic dTpw", received.headers().get("Authorization"));
    byte[] body = received.body();
    byte[] push = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
    new SnappyDecompressor().decompress(body, 0, body.length, push, 0, push.length);
    assertArrayEquals(ProtoPushEncoder.encode(mapper(config("")).map(TWO_RECORDS)), push);
    Await.equal(2.0, () -> metric("homeostat_exporter_sent_log_records_total"));
  }

  @Test
  void jsonIsGzippedByDefault() throws Exception {
    backend = new FakeHttpBackend(false);
    assertEquals(Outcome.ACCEPTED, send("  encoding: json\n"));
    FakeHttpBackend.Received received = backend.nextRequest();
    assertEquals("application/json", received.headers().get("Content-Type"));
    assertEquals("gzip", received.headers().get("Content-Encoding"));
    JsonNode push = new ObjectMapper().readTree(
        new GZIPInputStream(new ByteArrayInputStream(received.body())));
    JsonNode stream = push.get("streams").get(0);
    assertEquals("REQ-A", stream.get("stream").get("req").asText());
    assertEquals("first", stream.get("values").get(0).get(1).asText());
    assertEquals("second", stream.get("values").get(1).get(1).asText());
  }

  @Test
  void jsonWithCompressionNoneIsPlain() throws Exception {
    backend = new FakeHttpBackend(false);
    send("  encoding: json\n  compression: none\n");
    FakeHttpBackend.Received received = backend.nextRequest();
    assertNull(received.headers().get("Content-Encoding"));
    assertEquals("auth", new ObjectMapper().readTree(received.body()).get("streams").get(0)
        .get("stream").get("service_name").asText());
  }

  @Test
  void tooManyRequestsIsRetryableAfterLokisRetryAfter() throws Exception {
    backend = new FakeHttpBackend(false);
    backend.answerNext(answer(429, Map.of("Retry-After", "3"), "Ingestion rate limit exceeded "
        + "for user team-a (limit: 4194304 bytes/sec)"));
    ExportException e = assertThrows(ExportException.class, () -> send(""));
    assertFalse(e instanceof PermanentExportException);
    assertEquals(Duration.ofSeconds(3), e.retryAfter());
    assertEquals("Loki at " + backend.url() + "/loki/api/v1/push answered 429: Ingestion rate "
        + "limit exceeded for user team-a (limit: 4194304 bytes/sec); Loki is rate-limiting this "
        + "tenant (limits_config.ingestion_rate_mb)", e.getMessage());
  }

  @Test
  void aServerErrorIsRetryable() throws Exception {
    backend = new FakeHttpBackend(false);
    backend.answerNext(answer(500, Map.of(), "rpc error: code = Unavailable"));
    ExportException e = assertThrows(ExportException.class, () -> send(""));
    assertFalse(e instanceof PermanentExportException);
    assertEquals(Duration.ZERO, e.retryAfter());
    assertTrue(e.getMessage().endsWith(" answered 500: rpc error: code = Unavailable; Loki is "
        + "failing or overloaded"), e.getMessage());
  }

  @Test
  void withoutATenantA401SaysToSetTenantId() throws Exception {
    backend = new FakeHttpBackend(false);
    backend.answerNext(answer(401, Map.of(), "no org id"));
    PermanentExportException e = assertThrows(PermanentExportException.class, () -> send(""));
    assertEquals("Loki at " + backend.url() + "/loki/api/v1/push answered 401: no org id; this "
        + "Loki runs with auth_enabled and needs to know the tenant: set tenant_id",
        e.getMessage());
  }

  @Test
  void withATenantA401PointsAtTheCredentials() throws Exception {
    backend = new FakeHttpBackend(false);
    backend.answerNext(answer(401, Map.of(), "unauthorized"));
    PermanentExportException e = assertThrows(PermanentExportException.class,
        () -> send("  tenant_id: team-a\n"));
    assertTrue(e.getMessage().endsWith(" answered 401: unauthorized; check the credentials in "
        + "headers"), e.getMessage());
  }

  @Test
  void a404NamesThePushPath() throws Exception {
    backend = new FakeHttpBackend(false);
    backend.answerNext(answer(404, Map.of(), "404 page not found"));
    PermanentExportException e = assertThrows(PermanentExportException.class, () -> send(""));
    assertTrue(e.getMessage().endsWith(" answered 404: 404 page not found; the URL does not take "
        + "pushes: check the endpoint (Loki pushes go to /loki/api/v1/push)"), e.getMessage());
  }

  @Test
  void a400IsNotRetriedAndLokisMessageIsLoggedAndCounted() throws Exception {
    backend = new FakeHttpBackend(false);
    String loki = "entry for stream '{service_name=\"auth\"}' has timestamp too old: "
        + "2023-11-14T22:13:20Z, oldest acceptable timestamp is: 2026-11-14T10:15:00Z";
    backend.answerNext(answer(400, Map.of(), loki));
    try (LogCapture log = new LogCapture()) {
      start("  retry_on_failure: { initial_interval: 5ms, max_interval: 5ms }\n");
      exporter.offer(Signal.LOGS, TWO_RECORDS);
      Await.until("Loki's message in the log", () -> !log.lines(loki).isEmpty());
    }
    assertEquals(2.0, metric("homeostat_exporter_send_failed_log_records_total"));
    assertEquals(0.0, metric("homeostat_exporter_retries_total"));
    assertEquals(1, backend.requests.size());
  }

  @Test
  void aRequestWithoutRecordsSendsNothing() throws Exception {
    backend = new FakeHttpBackend(false);
    LokiSender sender = sender("");
    assertEquals(Outcome.ACCEPTED, sender.send(Signal.LOGS,
        ExportLogsServiceRequest.getDefaultInstance(), Deadline.in(Duration.ofSeconds(5))));
    sender.send(Signal.LOGS, TWO_RECORDS, Deadline.in(Duration.ofSeconds(5)));
    backend.nextRequest();
    assertTrue(backend.requests.isEmpty(), "only the request with records was sent");
  }
}
