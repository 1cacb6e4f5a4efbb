package io.homeostat.homeostasis.engine;

import static io.homeostat.homeostasis.testing.Otlp.gauge;
import static io.homeostat.homeostasis.testing.Otlp.histogram;
import static io.homeostat.homeostasis.testing.Otlp.histogramPoint;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import io.homeostat.homeostasis.testing.Otlp;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESIGN.md's two seed targets, as written there, with their numbers. */
class SeedTargetsTest {

  static final String LATENCY = """
      targets:
        REQ-NFR-PERF-001: { metric: login_latency_ms, target: 500, operator: lt, alert_threshold: 0.95 }
      """;
  static final String SUCCESS_RATE = """
      targets:
        REQ-F-AUTH-001:   { metric: login_success_rate, target: 0.99, operator: gte, alert_threshold: 0.98 }
      """;
  static final double[] BOUNDS = {100, 250, 500, 750, 1000, 2500};

  @TempDir
  Path dir;

  @Test
  void latencyWithAFifthOfLoginsOver500msFiresCriticalAfterItsFor() {
    try (EngineHarness h = new EngineHarness(LATENCY, dir)) {
      // 1200 logins in delta histograms: 972 under 500 ms (81 %), 168 between 500 and 750 ms, 60 above.
      for (int i = 0; i < 12; i++) {
        h.send(metrics(histogram("login_latency_ms", false, histogramPoint(h.now(), 0, BOUNDS,
            new long[] {20, 31, 30, 14, 5, 0, 0}, Otlp.attr("req", "REQ-NFR-PERF-001")))));
        h.advance(Duration.ofSeconds(5));
      }
      Evaluation first = h.evaluate();
      assertEquals(TargetState.DEVIATING, first.state());
      assertEquals(0, h.listener.calls.size());

      h.advance(Duration.ofMinutes(1));
      Evaluation fired = h.evaluate();
      assertEquals(TargetState.FIRING, fired.state());
      assertEquals(new TargetKey("REQ-NFR-PERF-001", "login_latency_ms"), fired.key());
      assertEquals("login_latency_ms", fired.metric());
      assertEquals(500, fired.target());
      assertEquals(Operator.LT, fired.operator());
      assertEquals(0.95, fired.alertThreshold());
      assertEquals(1200, fired.samples());
      assertEquals(0.81, fired.compliance(), 1e-9);
      // p95 lies where the 500-750 bucket ends: within the bucket's spread (250/16) and 1 % of 750.
      assertEquals(750, fired.actual(), 250.0 / 16 + 7.5);
      assertEquals(Math.abs(fired.actual() - 500) / 500 * 100, fired.deviationPercent(), 1e-9);
      assertEquals("critical", fired.severity());
      assertEquals(Duration.ofMinutes(5), fired.window());
      assertEquals(1, h.listener.of("firing").size());
      assertEquals(h.clock.instant(), h.listener.of("firing").get(0).startsAt());
    }
  }

  @Test
  void successRateBelowItsThresholdFiresAWarning() {
    try (EngineHarness h = new EngineHarness(SUCCESS_RATE, dir)) {
      sendRate(h, 0.97, 12);
      assertEquals(TargetState.DEVIATING, h.evaluate().state());
      h.advance(Duration.ofMinutes(1));
      sendRate(h, 0.97, 1);
      Evaluation fired = h.evaluate();
      assertEquals(TargetState.FIRING, fired.state());
      assertEquals(0.97, fired.actual(), 1e-12);
      assertEquals(2.0 / 0.99, fired.deviationPercent(), 1e-9);
      assertEquals("warning", fired.severity());
      assertTrue(Double.isNaN(fired.compliance()));
      assertEquals(13, fired.samples());
    }
  }

  @Test
  void successRateBetweenItsThresholdAndItsTargetDeviatesButNeverFires() {
    try (EngineHarness h = new EngineHarness(SUCCESS_RATE, dir)) {
      for (int minute = 0; minute < 10; minute++) {
        sendRate(h, 0.985, 12);
        Evaluation evaluation = h.evaluate();
        assertEquals(TargetState.DEVIATING, evaluation.state());
        assertNull(evaluation.errorBudgetRemaining());
      }
      assertEquals(0, h.listener.calls.size());
    }
  }

  /** {@code count} gauge points of {@code value}, five seconds apart. */
  private static void sendRate(EngineHarness h, double value, int count) {
    for (int i = 0; i < count; i++) {
      h.send(metrics(gauge("login_success_rate", point(h.now(), 0, value,
          Otlp.attr("req", "REQ-F-AUTH-001")))));
      h.advance(Duration.ofSeconds(5));
    }
  }
}
