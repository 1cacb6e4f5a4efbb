package io.homeostat.homeostasis.alerting;

import io.homeostat.core.testing.ExternalProcess;
import io.homeostat.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.alerting.AlertmanagerJson.Labeled;
import io.homeostat.homeostasis.alerting.WebhookServer.Received;
import io.homeostat.homeostasis.model.Alert;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes alerts into a real Alertmanager ({@code prometheus-alertmanager}, run as a child
 * process) and reads them back from its API; Alertmanager's own webhook notifications reach a
 * test receiver, so the payload it sends can be set beside the one Homeostat sends.
 */
@Timeout(120)
class RealAlertmanagerTest {

  private static final String BINARY = "/usr/bin/prometheus-alertmanager";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts Alertmanager, routing every alert to {@code receiver} at once. */
  private String startAlertmanager(WebhookServer receiver) throws IOException {
    Path binary = ExternalProcess.require(BINARY,
        "install the Debian package prometheus-alertmanager (apt-get install prometheus-alertmanager)");
    int port = freePort();
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, """
        route:
          receiver: test
          group_by: [requirement]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: test
            webhook_configs:
              - url: %s
                send_resolved: true
        """.formatted(receiver.url("/from-alertmanager")));
    String base = "http://127.0.0.1:" + port;
    running.add(ExternalProcess.start("alertmanager", List.of(binary.toString(),
        "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="), dir,
        URI.create(base + "/-/ready")));
    return base;
  }

  private JsonNode alertsIn(String alertmanager) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(alertmanager + "/api/v2/alerts")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body());
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    Iterator<String> names = node.fieldNames();
    names.forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void pushedAlertsAreListedByAlertmanagerAndResolveThere() throws Exception {
    WebhookServer receiver = new WebhookServer();
    running.add(receiver);
    String alertmanager = startAlertmanager(receiver);
    AlertNotifier notifier = new AlertNotifier(new AlertingConfig(Duration.ZERO,
        Duration.ofHours(4), "http://homeostat:8888", List.of(),
        List.of(new AlertmanagerConfig(alertmanager, Duration.ofMinutes(1), Duration.ofSeconds(5),
            Map.of(), null, RetryConfig.DEFAULT))), new MetricRegistry(), Clock.systemUTC(), null);
    notifier.start();
    running.add(notifier);

    Instant startsAt = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.SECONDS);
    Alert firing = new Alert("ALT-7f3a9c", "firing", Alerts.latency(startsAt), startsAt, null,
        Alerts.LOGIN_FAST, "INT-FB-0001");
    Labeled labeled = Labeled.of(firing, null);
    notifier.send(firing);
    Await.equal(1, () -> {
      try {
        return alertsIn(alertmanager).size();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    JsonNode listed = alertsIn(alertmanager).get(0);
    assertEquals(JSON.valueToTree(labeled.labels()), listed.get("labels"));
    assertEquals(JSON.valueToTree(AlertmanagerJson.annotations(firing)),
        listed.get("annotations"));
    assertEquals(startsAt, Instant.parse(listed.get("startsAt").asText()));
    assertTrue(Instant.parse(listed.get("endsAt").asText()).isAfter(Instant.now()),
        "a firing alert ends only if it is not pushed again: " + listed);
    assertEquals("active", listed.get("status").get("state").asText());
    assertEquals(AlertmanagerJson.fingerprint(labeled.labels()),
        listed.get("fingerprint").asText());
    assertEquals("http://homeostat:8888/api/v1/requirements/REQ-NFR-PERF-001",
        listed.get("generatorURL").asText());

    // Alertmanager's own notification has the very shape of Homeostat's alertmanager format.
    JsonNode fromAlertmanager = JSON.readTree(receiver.take().bytes());
    JsonNode ours = JSON.readTree(AlertmanagerJson.webhook("REQ-NFR-PERF-001", List.of(labeled),
        "http://homeostat:8888"));
    assertEquals(keys(fromAlertmanager), keys(ours));
    assertEquals(keys(fromAlertmanager.get("alerts").get(0)), keys(ours.get("alerts").get(0)));
    assertEquals(fromAlertmanager.get("alerts").get(0).get("labels"),
        ours.get("alerts").get(0).get("labels"));
    assertEquals(fromAlertmanager.get("alerts").get(0).get("fingerprint"),
        ours.get("alerts").get(0).get("fingerprint"));
    assertEquals(fromAlertmanager.get("alerts").get(0).get("endsAt"),
        ours.get("alerts").get(0).get("endsAt"));

    Instant endsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    notifier.send(new Alert("ALT-7f3a9c", "resolved", Alerts.latency(endsAt), startsAt, endsAt,
        Alerts.LOGIN_FAST, "INT-FB-0001"));
    Received resolved;
    while (!(resolved = receiver.take()).body().contains("\"status\":\"resolved\"")) {
      assertTrue(resolved.body().contains("\"status\":\"firing\""), resolved.body());
    }
    JsonNode alert = JSON.readTree(resolved.bytes()).get("alerts").get(0);
    assertEquals("resolved", alert.get("status").asText());
    assertEquals(endsAt, Instant.parse(alert.get("endsAt").asText()));
    assertEquals(0, alertsIn(alertmanager).size(), "a resolved alert is no longer listed");
  }
}
