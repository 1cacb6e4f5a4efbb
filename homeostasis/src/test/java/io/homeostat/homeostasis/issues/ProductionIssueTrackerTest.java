package io.homeostat.homeostasis.issues;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.homeostasis.testing.Otlp.attr;
import static io.homeostat.homeostasis.testing.Otlp.exception;
import static io.homeostat.homeostasis.testing.Otlp.failedSpan;
import static io.homeostat.homeostasis.testing.Otlp.log;
import static io.homeostat.homeostasis.testing.Otlp.logs;
import static io.homeostat.homeostasis.testing.Otlp.traceHex;
import static io.homeostat.homeostasis.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.intents.FeedbackConfig;
import io.homeostat.homeostasis.model.IssueListener;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductionIssueTrackerTest {

  static final String LOGIN = "REQ-F-AUTH-001";
  static final String ORDERS = "REQ-F-ORD-002";
  static final Map<String, Requirement> CATALOG = Map.of(LOGIN, new Requirement(LOGIN,
      "Users log in", "INT-100", null, null, null, List.of("BR-001", "BR-007"), null, "auth-team"));

  @TempDir
  Path dir;

  final ManualClock clock = ManualClock.at("2026-11-21T10:15:00Z");
  final MetricRegistry metrics = new MetricRegistry();
  final Recorder listener = new Recorder();
  final List<ProductionIssueTracker> trackers = new ArrayList<>();

  /** Remembers what the tracker told it. */
  static final class Recorder implements IssueListener {
    final List<ProductionIssue> opened = new ArrayList<>();
    final List<ProductionIssue> closed = new ArrayList<>();

    @Override
    public void opened(ProductionIssue issue) {
      opened.add(issue);
    }

    @Override
    public void closed(ProductionIssue issue) {
      closed.add(issue);
    }
  }

  ProductionIssueTracker tracker(FeedbackConfig config, IssueListener listener) {
    ProductionIssueTracker tracker =
        new ProductionIssueTracker(config, CATALOG::get, listener, metrics, dir, clock);
    trackers.add(tracker);
    return tracker;
  }

  ProductionIssueTracker tracker() {
    return tracker(FeedbackConfig.defaults(), listener);
  }

  @AfterEach
  void closeTrackers() {
    trackers.forEach(ProductionIssueTracker::close);
  }

  static FeedbackConfig withBurst(int burst) {
    FeedbackConfig d = FeedbackConfig.defaults();
    return new FeedbackConfig(d.intents(), d.issueTtl(), d.maxOpenIssues(), burst,
        d.criticalBurstWindow());
  }

  /** The tracker's issues after a tick, which refreshes their counts. */
  List<ProductionIssue> issuesNow(ProductionIssueTracker tracker) {
    tracker.expire(clock.instant());
    return tracker.issues();
  }

  @Test
  void messagesThatDifferInNumbersIdsAndQuotedValuesAreOneIssue() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "order 12345 failed for \"bob\""),
        failedSpan(LOGIN, 2, "order 99 failed for \"ann\""),
        failedSpan(LOGIN, 3, "order 7 failed for \"eve\" (session 3f2a9c1e-77b0-4c1d-9e2f-0a1b2c3d4e5f)")));
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 4, "order 8 failed for \"joe\" (session 0a1b2c3d-77b0-4c1d-9e2f-3f2a9c1e4e5f)")));

    List<ProductionIssue> issues = issuesNow(tracker);
    assertEquals(2, issues.size(), issues.toString());
    ProductionIssue issue = issues.get(0);
    assertEquals(2, issue.count());
    assertEquals("order 12345 failed for \"bob\"", issue.errorMessage());
    assertEquals("error", issue.errorType());
    assertEquals(Fingerprints.of("order 1 failed for \"x\""), issue.fingerprint());
    assertEquals(2, issues.get(1).count());
    assertEquals(List.of(issues.get(0), issues.get(1)), listener.opened.stream()
        .map(opened -> issues.stream().filter(i -> i.issueId().equals(opened.issueId()))
            .findFirst().orElseThrow()).toList());
  }

  @Test
  void otherTypesAndOtherRequirementsAreOtherIssues() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "").addEvents(exception("com.acme.TimeoutException", "gateway slow", null)),
        failedSpan(LOGIN, 2, "").addEvents(exception("com.acme.DeclinedException", "gateway slow", null)),
        failedSpan(ORDERS, 3, "").addEvents(exception("com.acme.TimeoutException", "gateway slow", null)),
        failedSpan(LOGIN, 4, "").addEvents(exception("com.acme.TimeoutException", "gateway slow", null))));

    List<ProductionIssue> issues = issuesNow(tracker);
    assertEquals(List.of("REQ-F-AUTH-001 com.acme.TimeoutException 2",
            "REQ-F-AUTH-001 com.acme.DeclinedException 1", "REQ-F-ORD-002 com.acme.TimeoutException 1"),
        issues.stream().map(i -> i.requirement() + " " + i.errorType() + " " + i.count()).toList());
    assertEquals(3, issues.stream().map(ProductionIssue::issueId).distinct().count());
  }

  @Test
  void theErrorTypeComesFromTheRecordOrTheClassItsMessageNames() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "java.lang.IllegalStateException: no session"),
        failedSpan(LOGIN, 2, "quota exceeded").addAttributes(attr("error.type", "QuotaExceeded")),
        failedSpan(LOGIN, 3, "")));
    tracker.observe(Signal.LOGS, logs(log(17, LOGIN, "ValueError: bad input"),
        log(17, LOGIN, "payment declined").addAttributes(attr("exception.type", "DeclinedException"))
            .addAttributes(attr("exception.stacktrace", "DeclinedException\n\tat Pay.charge"))));

    assertEquals(List.of("java.lang.IllegalStateException | java.lang.IllegalStateException: no session",
            "QuotaExceeded | quota exceeded", "error | POST /orders", "ValueError | ValueError: bad input",
            "DeclinedException | payment declined"),
        issuesNow(tracker).stream().map(i -> i.errorType() + " | " + i.errorMessage()).toList());
    assertEquals("DeclinedException\n\tat Pay.charge", tracker.issues().get(4).stackTrace());
  }

  @Test
  void countsOccurrencesDistinctTracesAndUsersAndKeepsFiveSampleTraces() {
    ProductionIssueTracker tracker = tracker();
    List<Span.Builder> spans = new ArrayList<>();
    for (int trace = 1; trace <= 7; trace++) {
      for (int attempt = 0; attempt < 2; attempt++) {
        spans.add(failedSpan(LOGIN, trace, "login failed")
            .addAttributes(attr(trace % 2 == 0 ? "enduser.id" : "user.id", "user-" + (trace % 3))));
      }
    }
    spans.add(failedSpan(LOGIN, 1, "login failed").clearTraceId());
    tracker.observe(Signal.TRACES, traces(spans.toArray(Span.Builder[]::new)));

    ProductionIssue issue = issuesNow(tracker).get(0);
    assertEquals(15, issue.count());
    assertEquals(7, issue.traces());
    assertEquals(3, issue.users());
    assertEquals(List.of(traceHex(1), traceHex(2), traceHex(3), traceHex(4), traceHex(5)),
        issue.sampleTraceIds());
    assertEquals(List.of("BR-001", "BR-007"), issue.businessRules());
    assertEquals(clock.instant(), issue.firstSeen());
  }

  @Test
  void theFirstStackTraceIsKept() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "").addEvents(exception("E", "boom", null)),
        failedSpan(LOGIN, 2, "").addEvents(exception("E", "boom", "E: boom\n\tat A.first")),
        failedSpan(LOGIN, 3, "").addEvents(exception("E", "boom", "E: boom\n\tat B.second"))));
    assertEquals("E: boom\n\tat A.first", issuesNow(tracker).get(0).stackTrace());
  }

  @Test
  void recordsThatAreNoErrorsOrCarryNoRequirementAreLeftAlone() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "fine").setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)),
        failedSpan(LOGIN, 2, "unset").clearStatus(),
        failedSpan(LOGIN, 3, "no key").clearAttributes(),
        failedSpan("REQ-UNTAGGED", 4, "untagged")));
    tracker.observe(Signal.LOGS, logs(log(16, LOGIN, "a warning"), log(9, LOGIN, "info"),
        log(17, LOGIN, "no key").clearAttributes()));
    assertEquals(List.of(), issuesNow(tracker));
    assertEquals(List.of(), listener.opened);
  }

  @Test
  void anExceptionEventMakesASpanAnErrorWhateverItsStatus() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, 1, "").clearStatus()
        .addEvents(exception("java.io.IOException", "reset by peer", null))));
    assertEquals("java.io.IOException", issuesNow(tracker).get(0).errorType());
  }

  @Test
  void aRecordWithSeveralRequirementsCountsInAnIssueOfEach() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "boom").clearAttributes().addAttributes(attr("req", List.of(LOGIN, ORDERS))),
        failedSpan(LOGIN, 2, "boom").clearAttributes().addAttributes(attr("req", LOGIN + "," + ORDERS)),
        failedSpan(LOGIN, 3, "boom").clearAttributes().addAttributes(attr("requirement", ORDERS))));
    assertEquals(List.of(LOGIN + " 2", ORDERS + " 3"), issuesNow(tracker).stream()
        .map(i -> i.requirement() + " " + i.count()).toList());
  }

  @Test
  void fatalLogsAndEscapedExceptionsOfServerSpansAreCritical() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.LOGS, logs(log(17, LOGIN, "disk full"), log(21, LOGIN, "out of memory")));
    Span.Event escaped = exception("E", "escaped", null).toBuilder()
        .addAttributes(attr("exception.escaped", true)).build();
    tracker.observe(Signal.TRACES, traces(
        failedSpan(LOGIN, 1, "").addEvents(escaped),
        failedSpan(LOGIN, 2, "").addEvents(escaped).setKind(Span.SpanKind.SPAN_KIND_SERVER),
        failedSpan(LOGIN, 3, "").addEvents(exception("E", "handled", null))
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)));
    assertEquals(List.of("disk full high", "out of memory critical", "escaped critical",
            "handled high"),
        issuesNow(tracker).stream().map(i -> i.errorMessage() + " " + i.severity()).toList());
  }

  @Test
  void aBurstAboveTheConfiguredCountMakesAnIssueCritical() {
    ProductionIssueTracker tracker = tracker(withBurst(3), listener);
    for (int i = 0; i < 3; i++) {
      tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, i, "slow gateway")));
      clock.advance(Duration.ofSeconds(20));
    }
    tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, 9, "slow gateway")));
    assertEquals("high", issuesNow(tracker).get(0).severity(), "3 within the first minute, then a new minute");
    tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, 10, "slow gateway"),
        failedSpan(LOGIN, 11, "slow gateway"), failedSpan(LOGIN, 12, "slow gateway")));
    assertEquals("critical", issuesNow(tracker).get(0).severity());
    assertEquals("high", listener.opened.get(0).severity(), "an issue opens with its first occurrence");
  }

  @Test
  void anIssueClosesAfterItsTtlAndTheSameErrorLaterOpensANewOne() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, 1, "boom")));
    String first = issuesNow(tracker).get(0).issueId();
    assertEquals("ISS-20261121-0001", first);

    clock.advance(Duration.ofHours(23));
    tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, 2, "boom")));
    clock.advance(Duration.ofHours(23));
    tracker.expire(clock.instant());
    assertEquals(List.of(), listener.closed, "the second occurrence kept it open");

    clock.advance(Duration.ofHours(1));
    tracker.expire(clock.instant());
    assertEquals(List.of(first), listener.closed.stream().map(ProductionIssue::issueId).toList());
    assertEquals(2, listener.closed.get(0).count());
    assertEquals(List.of(), tracker.issues());

    tracker.observe(Signal.TRACES, traces(failedSpan(LOGIN, 3, "boom")));
    ProductionIssue reopened = issuesNow(tracker).get(0);
    assertEquals("ISS-20261123-0001", reopened.issueId());
    assertEquals(1, reopened.count());
    assertEquals(2, listener.opened.size());
  }

  @Test
  void manyErrorSpansOfOneKindOpenOneIssue() {
    ProductionIssueTracker tracker = tracker();
    for (int request = 0; request < 50; request++) {
      List<Span.Builder> spans = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        spans.add(failedSpan(LOGIN, request * 20 + i, "order " + (request * 20 + i) + " failed")
            .addEvents(exception("com.acme.OrderException", "order " + i + " failed", null)));
      }
      tracker.observe(Signal.TRACES, traces(spans.toArray(Span.Builder[]::new)));
    }
    assertEquals(1, listener.opened.size());
    ProductionIssue issue = issuesNow(tracker).get(0);
    assertEquals(1000, issue.count());
    assertTrue(Math.abs(issue.traces() - 1000) < 80, "traces " + issue.traces());
    assertEquals(1, metrics.value("homeostat_issues_open"));
    assertEquals(1000, metrics.value("homeostat_issue_occurrences_total", "requirement", LOGIN));
  }

  @Test
  void openIssuesOutliveARestartAndIdsGoOn() throws Exception {
    ProductionIssueTracker before = tracker();
    before.observe(Signal.TRACES, traces(failedSpan(LOGIN, 1, "boom").addAttributes(attr("user.id", "ann")),
        failedSpan(LOGIN, 2, "boom").addAttributes(attr("user.id", "bob"))));
    before.observe(Signal.LOGS, logs(log(21, ORDERS, "disk full")));
    List<ProductionIssue> issues = issuesNow(before);
    before.close();
    trackers.remove(before);
    assertTrue(Files.exists(dir.resolve("issues.json")));

    Recorder after = new Recorder();
    ProductionIssueTracker restarted = tracker(FeedbackConfig.defaults(), after);
    assertEquals(issues, restarted.issues());
    assertEquals(2, metrics.value("homeostat_issues_open"));

    clock.advance(Duration.ofMinutes(5));
    restarted.observe(Signal.TRACES, traces(failedSpan(LOGIN, 1, "boom").addAttributes(attr("user.id", "ann")),
        failedSpan(LOGIN, 3, "boom").addAttributes(attr("user.id", "eve"))));
    restarted.observe(Signal.TRACES, traces(failedSpan(LOGIN, 4, "another kind")));
    assertEquals(List.of("ISS-20261121-0003"), after.opened.stream().map(ProductionIssue::issueId).toList(),
        "the known issue goes on; the new one takes the next id");
    ProductionIssue login = issuesNow(restarted).get(0);
    assertEquals(List.of(4L, 3L, 3L), List.of(login.count(), login.traces(), login.users()));
    assertEquals(issues.get(0).firstSeen(), login.firstSeen());
    assertEquals(clock.instant(), login.lastSeen());
    assertEquals("critical", restarted.issues().get(1).severity());
  }

  @Test
  void aRestartAfterTheTtlClosesTheSavedIssueAtTheFirstTick() {
    ProductionIssueTracker before = tracker();
    before.observe(Signal.TRACES, traces(failedSpan(LOGIN, 1, "boom")));
    before.close();
    trackers.remove(before);

    clock.advance(Duration.ofDays(2));
    ProductionIssueTracker restarted = tracker();
    assertEquals(1, restarted.issues().size());
    restarted.expire(clock.instant());
    assertEquals(List.of("ISS-20261121-0001"),
        listener.closed.stream().map(ProductionIssue::issueId).toList());
    assertEquals(List.of(), restarted.issues());
  }

  @Test
  void pastMaxOpenIssuesNewKindsAreCountedNotTracked() {
    FeedbackConfig d = FeedbackConfig.defaults();
    ProductionIssueTracker tracker = tracker(new FeedbackConfig(d.intents(), d.issueTtl(), 2,
        d.criticalBurst(), d.criticalBurstWindow()), listener);
    tracker.observe(Signal.LOGS, logs(log(17, LOGIN, "one"), log(17, LOGIN, "two"),
        log(17, LOGIN, "three"), log(17, LOGIN, "one")));
    assertEquals(List.of("one 2", "two 1"),
        issuesNow(tracker).stream().map(i -> i.errorMessage() + " " + i.count()).toList());
    assertEquals(1, metrics.value("homeostat_issue_occurrences_untracked_total"));
  }

  @Test
  void aListenerThatThrowsDoesNotStopTracking() {
    ProductionIssueTracker tracker = tracker(FeedbackConfig.defaults(), new IssueListener() {
      @Override
      public void opened(ProductionIssue issue) {
        throw new IllegalStateException("listener bug");
      }
    });
    tracker.observe(Signal.LOGS, logs(log(17, LOGIN, "one"), log(17, LOGIN, "one"), log(17, LOGIN, "two")));
    assertEquals(List.of(2L, 1L), issuesNow(tracker).stream().map(ProductionIssue::count).toList());
  }

  @Test
  void metricsAreNoIssue() {
    ProductionIssueTracker tracker = tracker();
    tracker.observe(Signal.METRICS,
        io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.getDefaultInstance());
    assertEquals(List.of(), issuesNow(tracker));
    assertNull(metrics.collect().stream()
        .filter(f -> f.name().equals("homeostat_issue_occurrences_total")).findFirst().orElse(null));
  }
}
