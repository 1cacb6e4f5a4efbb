package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.testing.Await;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /-/reload} as an operator uses it: an edited pipeline YAML runs without a restart of
 * the process, clients that retry lose nothing across it, and a file with errors or a config that
 * cannot start leaves the server serving what it served before.
 */
class ReloadEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SPANS_PER_REQUEST = 5;

  @TempDir
  Path dir;

  /** A traces pipeline from gRPC on {@code port} to a file, with {@code processors} before it. */
  private static String config(int port, String processors) {
    return """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:%d" } } }
        processors:
          attributes/stamp:
            actions: [ { key: config, action: upsert, value: b } ]
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [%s], exporters: [file] }
        """.formatted(port, processors);
  }

  @Test
  void anEditedConfigRunsAndClientsThatRetryLoseNothingAcrossIt() throws Exception {
    int port = RunningServer.freePort();
    Set<Long> accepted = ConcurrentHashMap.newKeySet();
    AtomicLong next = new AtomicLong();
    AtomicBoolean sending = new AtomicBoolean(true);
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", config(port, ""))) {
      ExecutorService clients = Executors.newFixedThreadPool(2);
      List<Future<?>> senders = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        senders.add(clients.submit(() -> {
          try (Senders client = new Senders(port)) {
            while (sending.get()) {
              long first = next.getAndAdd(SPANS_PER_REQUEST);
              client.sendWithRetries(Senders.spans(first, SPANS_PER_REQUEST));
              for (long id = first; id < first + SPANS_PER_REQUEST; id++) {
                accepted.add(id);
              }
            }
          }
          return null;
        }));
      }
      Await.until("the server accepts load", () -> accepted.size() >= 200);

      Files.writeString(dir.resolve("homeostat.yaml"), config(port, "attributes/stamp"));
      HttpResponse<String> answer = server.reload();
      assertEquals(200, answer.statusCode(), answer.body());
      JsonNode body = JSON.readTree(answer.body());
      assertEquals("reloaded", body.path("status").asText());
      assertEquals(dir.resolve("homeostat.yaml").toString(), body.path("config").asText());

      long afterReload = next.get() + 100;
      Await.until("clients are served by the new config", () -> accepted.size() > afterReload);
      sending.set(false);
      for (Future<?> sender : senders) {
        sender.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();
      assertEquals(1.0, server.metric("homeostat_config_reloads_total", "result", "reloaded"));
      assertEquals(accepted.size(), server.metric("homeostat_receiver_accepted_spans_total",
          "receiver", "otlp", "transport", "grpc"), "the counters go on across the reload");
    }

    List<Span> written = TelemetryFile.spans(dir.resolve("out.jsonl"));
    Set<Long> numbers = written.stream().map(Senders::number).collect(Collectors.toSet());
    assertTrue(numbers.containsAll(accepted), "accepted but not delivered: "
        + accepted.stream().filter(id -> !numbers.contains(id)).limit(10).toList());
    Map<Boolean, Long> stamped = written.stream().collect(Collectors.partitioningBy(
        span -> "b".equals(KeyValues.getString(span.getAttributesList(), "config")),
        Collectors.counting()));
    assertTrue(stamped.get(false) >= 200, "spans before the reload pass unchanged: " + stamped);
    assertTrue(stamped.get(true) >= 100, "spans after it go through the new processor: " + stamped);
  }

  @Test
  void whatIsKeptUnderTheDataDirectoryCarriesOver() throws Exception {
    int nobody = RunningServer.freePort();
    String yaml = """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        processors:
          homeostasis:
          attributes/stamp:
            actions: [ { key: config, action: upsert, value: b } ]
        exporters:
          otlp/down:
            endpoint: "127.0.0.1:%d"
            tls: { insecure: true }
            sending_queue: { storage: queue }
            retry_on_failure: { initial_interval: 200ms, max_interval: 500ms, max_elapsed_time: 0 }
        homeostasis:
          evaluation_interval: 100ms
        service:
          data_dir: state
          shutdown_timeout: 1s   # the backend is down: the drain waits this long, data stays on disk
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [%s], exporters: [otlp/down] }
        """;
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml",
        yaml.formatted(nobody, "homeostasis"))) {
      try (Senders client = new Senders(server.grpcPort())) {
        client.sendOnce(failedLogin());
      }
      Await.until("the failed login opens an issue", () -> openIssues(server).size() == 1);
      String issue = openIssues(server).get(0);

      Files.writeString(dir.resolve("homeostat.yaml"), yaml.formatted(nobody, "homeostasis, attributes/stamp"));
      HttpResponse<String> answer = server.reload();

      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals(List.of(issue), openIssues(server), "the open issue is restored, not opened again");
      try (RunningServer backend = RunningServer.start(dir, "backend.yaml", """
          receivers:
            otlp: { protocols: { grpc: { endpoint: "127.0.0.1:%d" } } }
          exporters:
            file: { path: backend.jsonl }
          service:
            admin: { endpoint: "127.0.0.1:0" }
            pipelines:
              traces: { receivers: [otlp], exporters: [file] }
          """.formatted(nobody))) {
        Await.until("the request the disk queue kept across the reload arrives", () -> backend.metric(
            "homeostat_receiver_accepted_spans_total", "receiver", "otlp", "transport", "grpc") == 1.0);
      }
    }
  }

  /** A request of one span of REQ-F-AUTH-001 that failed with an exception. */
  private static io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest failedLogin() {
    var span = Senders.spans(0, 1).getResourceSpans(0).getScopeSpans(0).getSpans(0).toBuilder()
        .setName("auth.login")
        .addAttributes(io.opentelemetry.proto.common.v1.KeyValue.newBuilder().setKey("req")
            .setValue(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("REQ-F-AUTH-001")))
        .setStatus(io.opentelemetry.proto.trace.v1.Status.newBuilder()
            .setCode(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage("password check failed"))
        .build();
    return io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
            .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder().addSpans(span)))
        .build();
  }

  /** The ids of the open production issues, from the admin API. */
  private static List<String> openIssues(RunningServer server) {
    try {
      List<String> ids = new ArrayList<>();
      JSON.readTree(server.admin("/api/v1/issues").body()).path("issues")
          .forEach(issue -> ids.add(issue.path("issue_id").asText()));
      return ids;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anUneditedFileRestartsThePipelinesSoThatTheFilesItNamesAreReadAgain() throws Exception {
    Path catalog = Files.writeString(dir.resolve("catalog.yaml"), catalog(500));
    // A catalog that is never watched (reload_interval: 0s): only a reload reads it again.
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml",
        TargetReloadEndToEndTest.config("0s"))) {
      Await.until("the catalog's target is evaluated", () -> TargetReloadEndToEndTest.target(server) == 500);
      Files.writeString(catalog, catalog(300));

      HttpResponse<String> answer = server.reload();

      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals("reloaded", JSON.readTree(answer.body()).path("status").asText());
      Await.until("the edited catalog's target is evaluated", () -> TargetReloadEndToEndTest.target(server) == 300);
      assertEquals(1.0, server.metric("homeostat_config_reloads_total", "result", "reloaded"));
    }
  }

  @Test
  void aBrokenCatalogInTheNewConfigIsRefusedBeforeAnythingStops() throws Exception {
    Files.writeString(dir.resolve("requirements.yaml"), "requirements:\n  - { id: not-a-key }\n");
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", config(0, ""))) {
      int port = server.grpcPort();
      Files.writeString(dir.resolve("homeostat.yaml"), config(0, "requirements")
          .replace("processors:\n", "processors:\n  requirements: { catalog: requirements.yaml }\n"));

      HttpResponse<String> answer = server.reload();

      assertEquals(400, answer.statusCode(), answer.body());
      JsonNode body = JSON.readTree(answer.body());
      assertEquals("invalid", body.path("status").asText());
      assertTrue(body.path("errors").get(0).asText().startsWith(dir.resolve("requirements.yaml") + ":2:"),
          answer.body());
      assertEquals(port, server.grpcPort(), "the receiver was not restarted");
      sendOneRequest(port);
    }
    assertOneRequestWritten();
  }

  @Test
  void aFileWithErrorsIsRefusedAndTheConfigInForceKeepsServing() throws Exception {
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", config(0, ""))) {
      int port = server.grpcPort();
      Files.writeString(dir.resolve("homeostat.yaml"), config(0, "attributes/stamp")
          .replace("file: { path: out.jsonl }", "file: { path: out.jsonl, rotate: daily }"));

      HttpResponse<String> answer = server.reload();

      assertEquals(400, answer.statusCode(), answer.body());
      JsonNode body = JSON.readTree(answer.body());
      assertEquals("invalid", body.path("status").asText());
      String error = body.path("errors").get(0).asText();
      assertTrue(error.startsWith(dir.resolve("homeostat.yaml") + ":7:"), error);
      assertTrue(error.contains("exporters.file.rotate"), error);
      assertTrue(body.path("message").asText().contains("keeps running"), answer.body());
      assertEquals(port, server.grpcPort(), "the receiver was not restarted");
      sendOneRequest(port);
      assertEquals(1.0, server.metric("homeostat_config_reloads_total", "result", "invalid"));
      assertTrue(server.admin("/metrics").body().contains("homeostat_config_last_reload_successful 0"));
    }
    assertOneRequestWritten();
  }

  @Test
  void aConfigThatCannotStartGivesWayToThePreviousOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        RunningServer server = RunningServer.start(dir, "homeostat.yaml", config(0, ""))) {
      Files.writeString(dir.resolve("homeostat.yaml"), config(taken.getLocalPort(), "attributes/stamp"));

      HttpResponse<String> answer = server.reload();

      assertEquals(500, answer.statusCode(), answer.body());
      JsonNode body = JSON.readTree(answer.body());
      assertEquals("failed", body.path("status").asText());
      assertTrue(body.path("restored").asBoolean(), answer.body());
      assertTrue(body.path("error").asText().contains(String.valueOf(taken.getLocalPort())), answer.body());
      sendOneRequest(server.grpcPort());
      assertEquals(1.0, server.metric("homeostat_config_reloads_total", "result", "failed"));
    }
    List<Span> written = TelemetryFile.spans(dir.resolve("out.jsonl"));
    assertEquals(SPANS_PER_REQUEST, written.size());
    assertFalse(written.stream().anyMatch(span -> span.getAttributesCount() > 0),
        "the previous config, without the new processor, served them");
  }

  @Test
  void whenNeitherConfigCanStartAFixedFileBringsTheServerBack() throws Exception {
    Path catalog = dir.resolve("requirements.yaml");
    Files.writeString(catalog, """
        requirements:
          - { id: REQ-F-AUTH-001, title: Users sign in }
        """);
    String withCatalog = config(0, "requirements").replace("processors:\n",
        "processors:\n  requirements: { catalog: requirements.yaml }\n");
    try (ServerSocket taken = new ServerSocket(0);
        RunningServer server = RunningServer.start(dir, "homeostat.yaml", withCatalog)) {
      // The catalog breaks after the start, so the config in force cannot start again either.
      Files.writeString(catalog, "requirements:\n  - { id: not-a-key }\n");
      Files.writeString(dir.resolve("homeostat.yaml"), config(taken.getLocalPort(), ""));

      HttpResponse<String> failed = server.reload();
      assertEquals(500, failed.statusCode(), failed.body());
      assertFalse(JSON.readTree(failed.body()).path("restored").asBoolean(true), failed.body());
      HttpResponse<String> ready = server.admin("/readyz");
      assertEquals(503, ready.statusCode());
      assertEquals("{\"status\":\"failed\"}", ready.body());

      Files.writeString(dir.resolve("homeostat.yaml"), config(0, ""));
      HttpResponse<String> fixed = server.reload();
      assertEquals(200, fixed.statusCode(), fixed.body());
      assertEquals(200, server.admin("/readyz").statusCode());
      sendOneRequest(server.grpcPort());
    }
    assertOneRequestWritten();
  }

  @Test
  void sighupReloadsAsItDoesForTheCollectorAndPrometheus() throws Exception {
    int admin = RunningServer.freePort();
    Path file = Files.writeString(dir.resolve("homeostat.yaml"), withAdmin(config(0, ""), admin));
    // The build may run under nohup, which passes SIGHUP on ignored; the server gets the default.
    try (ChildServer server = ChildServer.start(List.of("env", "--default-signal=HUP"), file, admin,
        dir.resolve("server.log"))) {
      Files.writeString(file, withAdmin(config(0, "attributes/stamp"), admin));

      server.hangup();

      awaitReloaded(server);
      assertTrue(server.log().contains("config reloaded: the new pipelines run"), server.log());
      assertTrue(server.log().contains("trigger=SIGHUP"), server.log());
      assertFalse(server.log().contains("SIGHUP is ignored"), server.log());
      assertEquals(0, server.stop(), server.log());
    }
  }

  @Test
  void underNohupSighupIsIgnoredAndTheLogSaysHowToReload() throws Exception {
    int admin = RunningServer.freePort();
    Path file = Files.writeString(dir.resolve("homeostat.yaml"), withAdmin(config(0, ""), admin));
    try (ChildServer server = ChildServer.start(List.of("env", "--ignore-signal=HUP"), file, admin,
        dir.resolve("server.log"))) {
      assertTrue(server.log().contains("SIGHUP is ignored by this process (as nohup leaves it), so "
          + "it will not reload the config; use POST /-/reload on the admin endpoint"), server.log());
      Files.writeString(file, withAdmin(config(0, "attributes/stamp"), admin));

      server.hangup();
      // Had SIGHUP reloaded the edit, this reload would find nothing new.
      HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + admin + "/-/reload"))
              .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("reloaded", JSON.readTree(answer.body()).path("status").asText(), answer.body());
      assertFalse(server.log().contains("trigger=SIGHUP"), server.log());
      assertEquals(0, server.stop(), "SIGHUP did not end it: " + server.log());
    }
  }

  private static String withAdmin(String yaml, int port) {
    return yaml.replace("admin: { endpoint: \"127.0.0.1:0\" }",
        "admin: { endpoint: \"127.0.0.1:" + port + "\" }");
  }

  /** Waits until the child server has counted one reload that ran a new config. */
  private static void awaitReloaded(ChildServer server) throws Exception {
    String series = "homeostat_config_reloads_total{result=\"reloaded\"}";
    try {
      ChildServer.within(Duration.ofSeconds(30), series + " = 1", () -> {
        try {
          return server.metric(series) == 1.0;
        } catch (java.io.IOException | InterruptedException notYet) {
          return false;
        }
      });
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the server's log:\n" + server.log(), e);
    }
  }



  /** The catalog of TargetReloadEndToEndTest with a {@code millis} latency target. */
  private static String catalog(int millis) {
    return TargetReloadEndToEndTest.catalog(
        "{ span: auth.login, target: " + millis + ", operator: lt, alert_threshold: 0.95 }");
  }

  private static void sendOneRequest(int port) {
    try (Senders client = new Senders(port)) {
      client.sendOnce(Senders.spans(0, SPANS_PER_REQUEST));
    }
  }

  private void assertOneRequestWritten() throws java.io.IOException {
    assertEquals(SPANS_PER_REQUEST, TelemetryFile.spans(dir.resolve("out.jsonl")).size());
  }
}
