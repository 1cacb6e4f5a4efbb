package io.homeostat.homeostasis.engine;

import static io.homeostat.homeostasis.testing.Otlp.attr;
import static io.homeostat.homeostasis.testing.Otlp.counter;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;
import static io.homeostat.homeostasis.testing.Otlp.span;
import static io.homeostat.homeostasis.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetState;
import java.nio.file.Path;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLO mode, 99.9 % of logins over 30 days (an error budget of 0.1 %), fed 1000 logins a minute as
 * delta counters. The page tests start with three healthy days, so that the ticket's 3-day window
 * is not what fires.
 */
class SloTest {

  static final String SLO = """
      targets:
        REQ-F-AUTH-001:
          name: login_availability
          ratio:
            good: { metric: logins, attributes: { status: success } }
            total: { metric: logins }
          objective: 99.9
          period: 30d
          for: 0s
      """;

  @TempDir
  Path dir;

  /** One minute of logins, {@code failed} of 1000 failing; evaluates after it. */
  static Evaluation minute(EngineHarness h, int failed) {
    h.send(metrics(counter("logins", false,
        point(h.now(), 0, 1000 - failed, attr("status", "success"), attr("req", "REQ-F-AUTH-001")),
        point(h.now(), 0, failed, attr("status", "failure"), attr("req", "REQ-F-AUTH-001")))));
    h.advance(Duration.ofMinutes(1));
    return h.evaluate();
  }

  private static void healthyDays(EngineHarness h, int days) {
    for (int m = 0; m < days * 24 * 60; m++) {
      assertEquals(TargetState.OK, minute(h, 0).state());
    }
  }

  @Test
  void aFastBurnPagesOnceTheHourHasBurnt14TimesTheBudgetRate() {
    try (EngineHarness h = new EngineHarness(SLO, dir)) {
      healthyDays(h, 3);
      // 10 % failing burns at 100x: the 5 m window at once, the hour after 864 failures (8.64 min).
      for (int m = 1; m <= 8; m++) {
        Evaluation evaluation = minute(h, 100);
        assertEquals(TargetState.DEVIATING, evaluation.state(), "minute " + m);
      }
      Evaluation paged = minute(h, 100);
      assertEquals(TargetState.FIRING, paged.state());
      assertEquals("critical", paged.severity());
      assertEquals(Duration.ofHours(1), paged.window());
      assertEquals(99.9, paged.target());
      assertEquals(Operator.GTE, paged.operator());
      assertNull(paged.alertThreshold());
      assertEquals(100 - 900.0 / paged.samples() * 100, paged.actual(), 1e-9);
      assertEquals(1, h.listener.of("firing").size());
    }
  }

  @Test
  void aSteadyBurnPagesWhenSixHoursAndHalfAnHourBurnSixTimesTheRate() {
    try (EngineHarness h = new EngineHarness(SLO, dir)) {
      healthyDays(h, 3);
      // 0.8 % failing burns at 8x: never the fast page; the 6 h window reaches 6x after 4.5 h.
      Evaluation evaluation = null;
      int minutes = 0;
      while (h.listener.of("firing").isEmpty()) {
        evaluation = minute(h, 8);
        minutes++;
      }
      assertEquals(Duration.ofHours(6), evaluation.window());
      assertEquals("critical", evaluation.severity());
      assertEquals(270, minutes, 2);
    }
  }

  /**
   * The page and the ticket are the target's one alert: a slow burn from the start opens it as a
   * ticket (a warning), and a faster burn later is the same alert, now with a page's severity.
   */
  @Test
  void aSlowBurnOpensATicket() {
    try (EngineHarness h = new EngineHarness(SLO, dir)) {
      Evaluation evaluation = null;
      for (int m = 0; m < 10; m++) {
        evaluation = minute(h, 2);
      }
      assertEquals(TargetState.FIRING, evaluation.state());
      assertEquals("warning", evaluation.severity());
      assertEquals(Duration.ofDays(3), evaluation.window());
      assertEquals(99.8, evaluation.actual(), 1e-9);
      assertEquals(1 - 2.0, evaluation.errorBudgetRemaining(), 1e-9);
      for (int m = 0; m < 10; m++) {
        evaluation = minute(h, 200);
      }
      assertEquals("critical", evaluation.severity());
      assertEquals(1, h.listener.of("firing").size());
      assertEquals("critical", h.listener.of("still").get(h.listener.of("still").size() - 1)
          .evaluation().severity());
    }
  }

  @Test
  void theErrorBudgetRemainingIsWhatThePeriodsErrorRateLeaves() {
    try (EngineHarness h = new EngineHarness(SLO, dir)) {
      Evaluation evaluation = null;
      for (int m = 0; m < 24 * 60; m++) {
        evaluation = minute(h, m % 2);
      }
      assertEquals(TargetState.OK, evaluation.state());
      assertEquals(0.5, evaluation.errorBudgetRemaining(), 1e-9);
      assertEquals(0.9995, evaluation.compliance(), 1e-12);
      assertEquals(0.5, h.metrics.value("homeostat_homeostasis_error_budget_remaining",
          "requirement", "REQ-F-AUTH-001", "target", "login_availability"), 1e-9);
      assertEquals(0, h.listener.calls.size());
    }
  }

  @Test
  void aPageResolvesOnceTheShortWindowStopsBurning() {
    try (EngineHarness h = new EngineHarness(SLO, dir)) {
      healthyDays(h, 3);
      for (int m = 0; m < 15; m++) {
        minute(h, 100);
      }
      assertEquals(1, h.listener.of("firing").size());
      int minutes = 0;
      while (h.listener.of("resolved").isEmpty()) {
        minute(h, 0);
        minutes++;
      }
      // The 5 m window (in 30 s buckets) drops below 14.4x within 6 minutes; the 6 h pair never held.
      assertEquals(6, minutes, 1);
    }
  }

  @Test
  void spanDurationsInSloModeCountGoodSpansByTheirTarget() {
    String yaml = """
        targets:
          REQ-NFR-PERF-001: { span: auth.login, target: 500, operator: lt, objective: 99, period: 7d }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        spans.add(span("auth.login", "REQ-NFR-PERF-001", h.now(), i < 5 ? 900 : 100));
      }
      h.send(traces(spans));
      h.advance(Duration.ofMinutes(1));
      Evaluation evaluation = h.evaluate();
      assertEquals(0.995, evaluation.compliance(), 1e-12);
      assertEquals(0.5, evaluation.errorBudgetRemaining(), 1e-9);
      assertEquals(99.5, evaluation.actual(), 1e-9);
      assertEquals(99, evaluation.target());
      assertEquals(TargetState.OK, evaluation.state());
    }
  }
}
