package io.homeostat.homeostasis.alerting;

import io.homeostat.core.testing.ManualClock;
import io.homeostat.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.alerting.AlertmanagerJson.Labeled;
import io.homeostat.homeostasis.alerting.WebhookServer.Received;
import io.homeostat.homeostasis.alerting.WebhookServer.Reply;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AlertNotifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration GROUP_WAIT = Duration.ofSeconds(30);
  private static final Duration REPEAT = Duration.ofHours(4);
  private static final RetryConfig NO_RETRY = RetryConfig.DISABLED;

  private final WebhookServer server = new WebhookServer();
  private final ManualClock clock = new ManualClock(Alerts.STARTS_AT);
  private final MetricRegistry metrics = new MetricRegistry();
  private final List<AlertNotifier> notifiers = new ArrayList<>();

  @TempDir
  Path dataDir;

  AlertNotifierTest() throws Exception {}

  @AfterEach
  void stop() {
    notifiers.forEach(AlertNotifier::close);
    server.close();
  }

  private WebhookConfig webhook(WebhookFormat format) {
    return new WebhookConfig(server.url("/hook"), format, Duration.ofSeconds(5), Map.of(), null,
        null, NO_RETRY);
  }

  private AlertNotifier notifier(Duration groupWait, List<WebhookConfig> webhooks,
      List<AlertmanagerConfig> alertmanagers, Path stateDir) {
    AlertNotifier notifier = new AlertNotifier(new AlertingConfig(groupWait, REPEAT,
        "http://homeostat:8888", webhooks, alertmanagers), metrics, clock, stateDir);
    notifier.start();
    notifiers.add(notifier);
    return notifier;
  }

  private AlertNotifier notifier(Duration groupWait, WebhookFormat format) {
    return notifier(groupWait, List.of(webhook(format)), List.of(), null);
  }

  /** Lets the notifier take what was sent so far, then moves the clock and runs what is due. */
  private void advance(AlertNotifier notifier, Duration by) throws Exception {
    notifier.runDue();
    clock.advance(by);
    notifier.runDue();
  }

  private static JsonNode json(Received received) throws Exception {
    return JSON.readTree(received.bytes());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Alert withSeverity(Alert alert, String severity, String status, Instant endsAt) {
    Evaluation e = alert.evaluation();
    return new Alert(alert.alertId(), status, new Evaluation(e.key(), e.metric(), e.target(),
        e.operator(), e.alertThreshold(), e.actual(), e.compliance(), e.samples(),
        e.deviationPercent(), severity, e.window(), e.description(), e.exemplars(), e.state(),
        e.evaluatedAt(), e.errorBudgetRemaining(), e.noData()), alert.startsAt(), endsAt,
        alert.traceability(), alert.intentId());
  }

  @Test
  void alertsOfOneRequirementWithinGroupWaitGoOutAsOneAlertmanagerPayload() throws Exception {
    AlertNotifier notifier = notifier(GROUP_WAIT, WebhookFormat.ALERTMANAGER);
    Alert latency = Alerts.firing();
    Alert errors = Alerts.firing("ALT-2", "REQ-NFR-PERF-001", "login_errors");
    Alert other = Alerts.firing("ALT-3", "REQ-F-AUTH-001", "login_success_rate");
    notifier.send(latency);
    advance(notifier, Duration.ofSeconds(20));
    notifier.send(errors);
    notifier.send(other);
    advance(notifier, Duration.ofSeconds(10));

    Received first = server.take();
    assertEquals("/hook", first.path());
    assertEquals(text(AlertmanagerJson.webhook("REQ-NFR-PERF-001",
        List.of(Labeled.of(latency, null), Labeled.of(errors, null)), "http://homeostat:8888")),
        first.body());
    // The other requirement's group started 10s later, so it waits until its own group_wait ends.
    advance(notifier, Duration.ofSeconds(20));
    JsonNode second = json(server.take());
    assertEquals("{}:{requirement=\"REQ-F-AUTH-001\"}", second.get("groupKey").asText());
    assertEquals(1, second.get("alerts").size());
  }

  @Test
  void inTheHomeostatFormatEachAlertOfAGroupIsItsOwnPost() throws Exception {
    AlertNotifier notifier = notifier(GROUP_WAIT, WebhookFormat.HOMEOSTAT);
    Alert latency = Alerts.firing();
    Alert errors = Alerts.firing("ALT-2", "REQ-NFR-PERF-001", "login_errors");
    notifier.send(latency);
    notifier.send(errors);
    advance(notifier, GROUP_WAIT);
    assertEquals(List.of(text(AlertJson.render(latency)), text(AlertJson.render(errors))),
        server.take(2).stream().map(Received::body).toList());
    Await.equal(2.0, () -> metrics.value("homeostat_notifications_sent_total", "destination",
        "webhooks[0]", "format", "homeostat"));
  }

  @Test
  void aFiringAlertRepeatsEveryRepeatIntervalAndItsResolutionIsToldOnce() throws Exception {
    AlertNotifier notifier = notifier(Duration.ZERO, WebhookFormat.HOMEOSTAT);
    Alert firing = Alerts.firing();
    notifier.send(firing);
    assertEquals(text(AlertJson.render(firing)), server.take().body());

    advance(notifier, REPEAT.minusSeconds(1));
    notifier.send(firing);
    advance(notifier, Duration.ofSeconds(1));
    assertEquals(text(AlertJson.render(firing)), server.take().body());

    advance(notifier, Duration.ofMinutes(30));
    Alert resolved = Alerts.resolved(clock.instant());
    notifier.send(resolved);
    Received told = server.take();
    assertEquals(text(AlertJson.render(resolved)), told.body());
    assertEquals("2026-11-21T14:45:00Z", json(told).get("ends_at").asText());

    notifier.send(resolved);
    advance(notifier, REPEAT.multipliedBy(2));
    Alert marker = Alerts.firing("ALT-9", "REQ-F-AUTH-001", "login_success_rate");
    notifier.send(marker);
    assertEquals(text(AlertJson.render(marker)), server.take().body(),
        "neither a repeat nor a second resolution came before the next alert");
  }

  @Test
  void anAlertThatResolvesBeforeItsGroupWentOutIsNotToldAtAll() throws Exception {
    AlertNotifier notifier = notifier(GROUP_WAIT, WebhookFormat.HOMEOSTAT);
    notifier.send(Alerts.firing());
    advance(notifier, Duration.ofSeconds(10));
    notifier.send(Alerts.resolved(clock.instant()));
    Alert marker = Alerts.firing("ALT-9", "REQ-F-AUTH-001", "login_success_rate");
    notifier.send(marker);
    advance(notifier, GROUP_WAIT);
    assertEquals(text(AlertJson.render(marker)), server.take().body());
  }

  @Test
  void anAlertKeepsTheLabelsItFiredWithSoThatItsResolutionMatches() throws Exception {
    AlertNotifier notifier = notifier(Duration.ZERO, WebhookFormat.ALERTMANAGER);
    notifier.send(Alerts.firing());
    JsonNode fired = json(server.take()).get("alerts").get(0);
    notifier.send(withSeverity(Alerts.firing(), "warning", "resolved",
        Instant.parse("2026-11-21T10:20:00Z")));
    JsonNode resolved = json(server.take()).get("alerts").get(0);
    assertEquals("critical", resolved.get("labels").get("severity").asText());
    assertEquals(fired.get("fingerprint"), resolved.get("fingerprint"));
    assertEquals("resolved", resolved.get("status").asText());
    assertEquals("2026-11-21T10:20:00Z", resolved.get("endsAt").asText());
  }

  @Test
  void alertmanagersGetFiringAlertsAtOnceAgainEachResendIntervalAndTheirEnd() throws Exception {
    AlertmanagerConfig alertmanager = new AlertmanagerConfig(server.url(""),
        Duration.ofMinutes(1), Duration.ofSeconds(5), Map.of("X-Scope-OrgID", "team-a"), "tok",
        NO_RETRY);
    AlertNotifier notifier = notifier(GROUP_WAIT, List.of(), List.of(alertmanager), null);
    Alert firing = Alerts.firing();
    notifier.send(firing);
    Received pushed = server.take();
    assertEquals("/api/v2/alerts", pushed.path());
    assertEquals("Bearer tok", pushed.headers().get("authorization"));
    assertEquals("team-a", pushed.headers().get("x-scope-orgid"));
    assertEquals(text(AlertmanagerJson.push(List.of(Labeled.of(firing, null)),
        Instant.parse("2026-11-21T10:19:00Z"), "http://homeostat:8888")), pushed.body());

    advance(notifier, Duration.ofMinutes(1));
    assertEquals(text(AlertmanagerJson.push(List.of(Labeled.of(firing, null)),
        Instant.parse("2026-11-21T10:20:00Z"), "http://homeostat:8888")), server.take().body());

    Alert resolved = Alerts.resolved(Instant.parse("2026-11-21T10:16:30Z"));
    notifier.send(resolved);
    JsonNode end = json(server.take()).get(0);
    assertEquals("2026-11-21T10:16:30Z", end.get("endsAt").asText());

    advance(notifier, Duration.ofMinutes(5));
    Alert marker = Alerts.firing("ALT-9", "REQ-F-AUTH-001", "login_success_rate");
    notifier.send(marker);
    assertEquals("ALT-9", json(server.take()).get(0).get("annotations").get("alert_id").asText(),
        "a resolved alert is not pushed again");
  }

  @Test
  void activeListsFiringAlertsAndResolvedOnesForAnHour() throws Exception {
    AlertNotifier notifier = notifier(Duration.ZERO, WebhookFormat.HOMEOSTAT);
    Alert firing = Alerts.firing();
    notifier.send(firing);
    notifier.runDue();
    assertEquals(List.of(firing), notifier.active());
    Alert resolved = Alerts.resolved(clock.instant());
    notifier.send(resolved);
    notifier.runDue();
    assertEquals(List.of(resolved), notifier.active());
    advance(notifier, AlertNotifier.RESOLVED_SHOWN.minusSeconds(1));
    assertEquals(List.of(resolved), notifier.active());
    advance(notifier, Duration.ofSeconds(1));
    assertEquals(List.of(), notifier.active());
  }

  @Test
  void aRestartNeitherNotifiesAFiringAlertAgainNorForgetsItsRepeat() throws Exception {
    AlertNotifier before = notifier(Duration.ZERO, List.of(webhook(WebhookFormat.HOMEOSTAT)),
        List.of(), dataDir);
    Alert firing = Alerts.firing();
    before.send(firing);
    server.take();
    before.close();

    clock.advance(Duration.ofHours(1));
    AlertNotifier after = notifier(Duration.ZERO, List.of(webhook(WebhookFormat.HOMEOSTAT)),
        List.of(), dataDir);
    after.send(firing);
    after.runDue();
    assertEquals(List.of(firing), after.active());
    Alert marker = Alerts.firing("ALT-9", "REQ-F-AUTH-001", "login_success_rate");
    after.send(marker);
    assertEquals(text(AlertJson.render(marker)), server.take().body());

    advance(after, Duration.ofHours(3));
    assertEquals(text(AlertJson.render(firing)), server.take().body(),
        "the repeat is due four hours after the notification before the restart");
  }

  @Test
  void sendReturnsAtOnceWhileTheReceiverHoldsTheRequest() throws Exception {
    server.otherwise(Reply.STALL);
    AlertNotifier notifier = notifier(Duration.ZERO, WebhookFormat.HOMEOSTAT);
    notifier.send(Alerts.firing());
    server.take();
    for (int i = 0; i < 100; i++) {
      notifier.send(Alerts.firing("ALT-" + i, "REQ-F-AUTH-" + i, "login_success_rate"));
    }
    notifier.runDue();
    assertEquals(101, notifier.active().size());
    server.otherwise(Reply.of(200)).release();
    assertEquals(100, server.take(100).size());
  }

  @Test
  void closeSendsTheGroupsStillWaitingAndDeliversThem() throws Exception {
    AlertNotifier notifier = notifier(GROUP_WAIT, WebhookFormat.HOMEOSTAT);
    Alert firing = Alerts.firing();
    notifier.send(firing);
    notifier.close();
    assertEquals(1.0, metrics.value("homeostat_notifications_sent_total", "destination",
        "webhooks[0]", "format", "homeostat"));
    assertEquals(text(AlertJson.render(firing)), server.take().body());
  }
}
