package io.homeostat.homeostasis.intents;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.homeostasis.testing.Fixtures.AUTH;
import static io.homeostat.homeostasis.testing.Fixtures.CATALOG;
import static io.homeostat.homeostasis.testing.Otlp.exception;
import static io.homeostat.homeostasis.testing.Otlp.failedSpan;
import static io.homeostat.homeostasis.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.issues.ProductionIssueTracker;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.homeostat.homeostasis.model.IssueListener;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracker and the intents joined as the runtime joins them: issue opened → intent. */
class IssuesToIntentsTest {

  @TempDir
  Path dir;

  final ManualClock clock = ManualClock.at("2026-11-21T10:15:00Z");
  final FeedbackConfig config = new FeedbackConfig(
      new IntentsConfig("intents.jsonl", List.of(), 100), Duration.ofHours(24), 1000, 0,
      Duration.ofMinutes(1));
  FeedbackIntents intents;
  ProductionIssueTracker tracker;

  void start() {
    MetricRegistry metrics = new MetricRegistry();
    intents = new FeedbackIntents(config, CATALOG::get, dir, dir.resolve("data"), metrics, clock);
    tracker = new ProductionIssueTracker(config, CATALOG::get, new IssueListener() {
      @Override
      public void opened(ProductionIssue issue) {
        intents.forIssue(issue);
      }

      @Override
      public void closed(ProductionIssue issue) {
        intents.issueClosed(issue.issueId());
      }
    }, metrics, dir.resolve("data"), clock);
  }

  void stop() {
    tracker.close();
    intents.close();
  }

  @AfterEach
  void stopAll() {
    stop();
  }

  /** {@code requests} requests of 20 failing spans each, all the same error with other numbers. */
  void failLogins(int requests) {
    for (int request = 0; request < requests; request++) {
      List<Span.Builder> spans = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = request * 20 + i;
        spans.add(failedSpan(AUTH, n, "").addEvents(exception("com.acme.GatewayTimeoutException",
            "gateway did not answer within " + (3000 + n) + " ms for session " + n, null)));
      }
      tracker.observe(Signal.TRACES, traces(spans.toArray(Span.Builder[]::new)));
    }
  }

  List<String> fileIntentSources() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> sources = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("intents.jsonl"))) {
      sources.add(json.readTree(line).get("source").asText());
    }
    return sources;
  }

  @Test
  void manyErrorSpansOfOneKindAreOneIssueAndOneIntent() throws Exception {
    start();
    failLogins(50);
    tracker.expire(clock.instant());

    List<ProductionIssue> issues = tracker.issues();
    assertEquals(1, issues.size());
    assertEquals(1000, issues.get(0).count());
    assertEquals(1, intents.recent().size());
    FeedbackIntent intent = intents.recent().get(0);
    assertEquals(List.of(issues.get(0).issueId(), "issue", "P1", "INT-101"),
        List.of(intent.source(), intent.sourceKind(), intent.priority(), intent.parentIntent()));
    stop();
    assertEquals(List.of(issues.get(0).issueId()), fileIntentSources());
  }

  @Test
  void aRestartKeepsTheIssueAndItsIntentAndTheIssueClosingEndsTheDedupe() throws Exception {
    start();
    failLogins(3);
    tracker.expire(clock.instant());
    String issueId = tracker.issues().get(0).issueId();
    FeedbackIntent intent = intents.recent().get(0);
    stop();

    start();
    clock.advance(Duration.ofMinutes(10));
    failLogins(3);
    tracker.expire(clock.instant());
    assertEquals(List.of(issueId), tracker.issues().stream().map(ProductionIssue::issueId).toList());
    assertEquals(120, tracker.issues().get(0).count());
    assertEquals(List.of(intent), intents.recent(), "no second intent for the same open issue");

    clock.advance(Duration.ofHours(25));
    tracker.expire(clock.instant());
    assertEquals(List.of(), tracker.issues());
    failLogins(1);
    tracker.expire(clock.instant());
    String reopened = tracker.issues().get(0).issueId();
    assertEquals(2, intents.recent().size());
    stop();
    assertEquals(List.of(issueId, reopened), fileIntentSources());
  }
}
