package io.homeostat.server.e2e;

import io.homeostat.core.testing.ExternalProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop of DESIGN.md, end to end with short windows: telemetry in, targets judged, alerts with
 * their requirement's context out to webhooks in both formats (and a real Alertmanager), feedback
 * intents written, production issues grouped, all surviving a restart.
 */
class HomeostasisEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** How often the test sends a slice of traffic. */
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private static final String CATALOG = """
      requirements:
        - { id: REQ-F-AUTH-001, title: User login, intent: INT-100, business_rules: [BR-001], owner: team-identity }
        - { id: REQ-NFR-PERF-001, title: Login responds within 500 ms at p95, intent: INT-100, design: [ADR-002] }
        - { id: REQ-F-PAY-002, title: Card payment, intent: INT-200, business_rules: [BR-010] }
      metrics:
        - { name: login_attempts, requirement: REQ-F-AUTH-001 }
      """;

  private RunningServer start(String alerting) throws Exception {
    Files.writeString(dir.resolve("catalog.yaml"), CATALOG);
    return RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { http: { endpoint: "127.0.0.1:0" } } }
        processors:
          requirements: { catalog: catalog.yaml }
          homeostasis:
        exporters:
          nop:
        homeostasis:
          evaluation_interval: 200ms
          catalogs: [catalog.yaml]
          defaults: { window: 4s, for: 1s, min_samples: 20, lateness: 2s }
          targets:
            REQ-NFR-PERF-001: { span: auth.login, target: 500, operator: lt, alert_threshold: 0.95 }
            REQ-F-AUTH-001:
              name: login_success_rate
              ratio:
                good: { metric: login_attempts, attributes: { status: success } }
                total: { metric: login_attempts }
              target: 0.99
              operator: gte
              alert_threshold: 0.98
        %s
        feedback:
          intents: { file: intents.jsonl }
        service:
          data_dir: state
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [requirements, homeostasis], exporters: [nop] }
            metrics: { receivers: [otlp], processors: [requirements, homeostasis], exporters: [nop] }
        """.formatted(alerting));
  }

  private interface Slice {
    void send() throws Exception;
  }

  /** Sends a slice every 100 ms for {@code duration}: the traffic's own pace, not a wait. */
  private static void run(Duration duration, Slice slice) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    long next = System.nanoTime();
    while (next - end < 0) {
      slice.send();
      next += SLICE_NANOS;
      LockSupport.parkNanos(next - System.nanoTime());
    }
  }

  private static void healthy(LiveTraffic traffic) throws Exception {
    traffic.logins(10, i -> 100 + 200 * traffic.jitter());
    traffic.attempts(20, 0);
  }

  @Test
  void aLatencyRegressionAndASuccessDropEachFireOnceInBothFormatsThenResolve() throws Exception {
    try (WebhookSink sink = new WebhookSink(); RunningServer server = start("""
        alerting:
          group_wait: 0s
          webhooks:
            - { url: "%s", format: homeostat }
            - { url: "%s", format: alertmanager }
        """.formatted(sink.url("/homeostat"), sink.url("/alertmanager")))) {
      LiveTraffic traffic = new LiveTraffic(server.httpPort(), 7);
      run(Duration.ofSeconds(3), () -> healthy(traffic));
      assertEquals(List.of(), sink.drain(), "healthy traffic must not alert");

      int regressionFrom = traffic.traceIds.size();
      run(Duration.ofSeconds(3), () -> {
        traffic.logins(10, i -> 600 + 300 * traffic.jitter());
        traffic.attempts(17, 3);
      });
      List<String> slowTraces = List.copyOf(traffic.traceIds.subList(regressionFrom, traffic.traceIds.size()));
      run(Duration.ofSeconds(7), () -> healthy(traffic));

      List<WebhookSink.Received> received = new ArrayList<>(sink.drain());
      // Each destination delivers on its own thread: wait for both to have told the resolves.
      Await.until("both alerts resolve in both formats", () -> {
        received.addAll(sink.drain());
        return Stream.of("/homeostat", "/alertmanager").allMatch(path -> received.stream()
            .filter(r -> r.path().equals(path) && r.body().contains("\"status\":\"resolved\"")).count() >= 2);
      });
      LockSupport.parkNanos(Duration.ofMillis(600).toNanos());
      received.addAll(sink.drain());

      List<JsonNode> homeostat = bodies(received, "/homeostat");
      assertEquals(List.of("firing", "firing", "resolved", "resolved").stream().sorted().toList(),
          homeostat.stream().map(a -> a.get("status").asText()).sorted().toList(), "one firing and one resolve each");

      JsonNode latency = only(homeostat, "REQ-NFR-PERF-001", "firing");
      assertEquals(500, latency.get("target").asDouble());
      assertEquals("lt", latency.get("operator").asText());
      double actual = latency.get("actual").asDouble();
      assertTrue(actual > 500 && actual < 1000, "p95 of the window: " + actual);
      assertEquals(Math.abs(actual - 500) / 500 * 100, latency.get("deviation_percent").asDouble(), 0.01);
      assertEquals("critical", latency.get("severity").asText());
      assertEquals("4s", latency.get("window").asText());
      assertTrue(latency.get("ends_at").isNull());
      assertEquals(0.95, latency.get("context").get("alert_threshold").asDouble());
      assertTrue(latency.get("context").get("compliance").asDouble() < 0.95);
      assertTrue(latency.get("context").get("samples").asLong() >= 20);
      assertEquals("Login responds within 500 ms at p95", latency.get("traceability").get("title").asText());
      assertEquals("INT-100", latency.get("traceability").get("intent").asText());
      assertTrue(latency.get("exemplars").size() >= 1 && latency.get("exemplars").size() <= 5);
      latency.get("exemplars").forEach(e -> assertTrue(slowTraces.contains(e.get("trace_id").asText()),
          "an exemplar leads to a slow trace: " + e));
      assertTrue(latency.get("intent_id").asText().startsWith("INT-FB-"));

      JsonNode success = only(homeostat, "REQ-F-AUTH-001", "firing");
      assertEquals("login_success_rate", success.get("metric").asText());
      assertEquals(0.99, success.get("target").asDouble());
      assertEquals("gte", success.get("operator").asText());
      assertTrue(success.get("actual").asDouble() < 0.98, "the success rate dropped: " + success.get("actual"));
      assertEquals("warning", success.get("severity").asText());
      assertEquals("User login", success.get("traceability").get("title").asText());

      JsonNode resolved = only(homeostat, "REQ-NFR-PERF-001", "resolved");
      assertEquals(latency.get("alert_id"), resolved.get("alert_id"));
      assertEquals(latency.get("intent_id"), resolved.get("intent_id"));
      assertNotNull(resolved.get("ends_at").textValue());

      List<JsonNode> alertmanager = bodies(received, "/alertmanager");
      assertEquals(4, alertmanager.size(), "one Alertmanager payload per alert and state");
      for (JsonNode payload : alertmanager) {
        assertEquals("4", payload.get("version").asText());
        JsonNode labels = payload.get("alerts").get(0).get("labels");
        assertTrue(labels.has("alertname") && labels.has("requirement") && labels.has("severity"), labels.toString());
      }

      List<String> intents = Files.readAllLines(dir.resolve("intents.jsonl"));
      assertEquals(2, intents.size(), "one intent per alert: " + intents);
      assertEquals(List.of("P0", "P1"), intents.stream().map(HomeostasisEndToEndTest::tree)
          .map(i -> i.get("priority").asText()).sorted().toList());
      assertTrue(get(server, "/api/v1/alerts").contains(latency.get("alert_id").asText()));
      // A series appears when its first alert fires and stays, at 0, once the alerts resolve.
      String metrics = get(server, "/metrics");
      assertTrue(metrics.contains(
          "homeostat_alerts_firing{requirement=\"REQ-NFR-PERF-001\",severity=\"critical\"} 0.0"), metrics);
      assertTrue(metrics.contains(
          "homeostat_alerts_firing{requirement=\"REQ-F-AUTH-001\",severity=\"warning\"} 0.0"), metrics);
    }
  }

  @Test
  void aNoisyButHealthyStreamFiresNothing() throws Exception {
    try (WebhookSink sink = new WebhookSink(); RunningServer server = start("""
        alerting:
          group_wait: 0s
          webhooks: [ { url: "%s" } ]
        """.formatted(sink.url("/homeostat")))) {
      LiveTraffic traffic = new LiveTraffic(server.httpPort(), 11);
      run(Duration.ofSeconds(7), () -> {
        traffic.logins(10, i -> traffic.jitter() < 0.02 ? 650 : 80 + 300 * traffic.jitter());
        traffic.attempts(199, 1);
      });
      assertEquals(List.of(), sink.drain(), "nothing may fire");
      assertNotEquals(2.0, server.metric("homeostat_homeostasis_status", "requirement", "REQ-NFR-PERF-001",
          "target", "auth.login"));
      assertEquals(0.0, server.metric("homeostat_homeostasis_status", "requirement", "REQ-F-AUTH-001",
          "target", "login_success_rate"));
    }
  }

  @Test
  void errorSpansBecomeOneIssueAndOneIntentWhichARestartKeeps() throws Exception {
    try (RunningServer server = start("")) {
      LiveTraffic traffic = new LiveTraffic(server.httpPort(), 3);
      traffic.errors(30, "REQ-F-PAY-002", "PaymentDeclinedException", "card declined for order #");
      Await.until("the issue is counted", () -> issueCount(server) == 30);
      JsonNode issue = tree(get(server, "/api/v1/issues")).get("issues").get(0);
      assertEquals("REQ-F-PAY-002", issue.get("requirement").asText());
      assertEquals("PaymentDeclinedException", issue.get("error_type").asText());
    }
    assertEquals(1, Files.readAllLines(dir.resolve("intents.jsonl")).size());

    try (RunningServer restarted = start("")) {
      assertEquals(30, issueCount(restarted), "the open issue survives the restart");
      new LiveTraffic(restarted.httpPort(), 5).errors(10, "REQ-F-PAY-002", "PaymentDeclinedException",
          "card declined for order #");
      Await.until("the same issue counts on", () -> issueCount(restarted) == 40);
      assertEquals(1, tree(get(restarted, "/api/v1/issues")).get("issues").size());
    }
    List<String> intents = Files.readAllLines(dir.resolve("intents.jsonl"));
    assertEquals(1, intents.size(), "one intent for the issue, not one per span or per restart: " + intents);
    assertEquals("REQ-F-PAY-002", tree(intents.get(0)).get("requirement").asText());
    assertEquals("INT-200", tree(intents.get(0)).get("parent_intent").asText());
  }

  @Test
  void aRealAlertmanagerListsThePushedAlert() throws Exception {
    ExternalProcess.require("/usr/bin/prometheus-alertmanager",
        "install the Debian package prometheus-alertmanager (apt-get install prometheus-alertmanager)");
    int port = RunningServer.freePort();
    Path amDir = Files.createDirectories(dir.resolve("alertmanager"));
    Files.writeString(amDir.resolve("alertmanager.yml"), """
        route: { receiver: nobody, group_wait: 1s }
        receivers: [ { name: nobody } ]
        """);
    try (ExternalProcess alertmanager = ExternalProcess.start("alertmanager", List.of(
            "/usr/bin/prometheus-alertmanager", "--config.file=" + amDir.resolve("alertmanager.yml"),
            "--storage.path=" + amDir, "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="),
            amDir, URI.create("http://127.0.0.1:" + port + "/-/ready"));
        RunningServer server = start("""
            alerting:
              group_wait: 0s
              alertmanager: [ { url: "http://127.0.0.1:%d" } ]
            """.formatted(port))) {
      LiveTraffic traffic = new LiveTraffic(server.httpPort(), 13);
      run(Duration.ofSeconds(1), () -> healthy(traffic));
      run(Duration.ofSeconds(3), () -> traffic.logins(10, i -> 700 + 200 * traffic.jitter()));
      Await.until("Alertmanager lists the alert", () -> {
        try {
          JsonNode alerts = tree(http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/api/v2/alerts")).build(),
              HttpResponse.BodyHandlers.ofString()).body());
          for (JsonNode alert : alerts) {
            JsonNode labels = alert.get("labels");
            if (labels.get("requirement").asText().equals("REQ-NFR-PERF-001")) {
              return labels.get("severity").asText().equals("critical")
                  && alert.get("status").get("state").asText().equals("active");
            }
          }
          return false;
        } catch (Exception notYet) {
          return false;
        }
      });
    }
  }

  private static List<JsonNode> bodies(List<WebhookSink.Received> received, String path) {
    return received.stream().filter(r -> r.path().equals(path)).map(r -> tree(r.body())).toList();
  }

  private static JsonNode only(List<JsonNode> alerts, String requirement, String status) {
    List<JsonNode> matching = alerts.stream().filter(a -> a.get("requirement").asText().equals(requirement)
        && a.get("status").asText().equals(status)).toList();
    assertEquals(1, matching.size(), requirement + " " + status + ": " + matching);
    return matching.get(0);
  }

  private long issueCount(RunningServer server) {
    JsonNode issues = tree(get(server, "/api/v1/issues")).get("issues");
    return issues.isEmpty() ? 0 : issues.get(0).get("count").asLong();
  }

  private String get(RunningServer server, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
