package io.homeostat.homeostasis.engine;

import static io.homeostat.homeostasis.testing.Otlp.attr;
import static io.homeostat.homeostasis.testing.Otlp.gauge;
import static io.homeostat.homeostasis.testing.Otlp.histogram;
import static io.homeostat.homeostasis.testing.Otlp.histogramPoint;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.testing.LogCapture;
import io.homeostat.core.testing.ManualClock;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.TargetState;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart (or a reload) keeps each unchanged target's windows, so verdicts go on at once. */
class WindowRestartTest {

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock();

  /** Sends 3 queue depths of 500 (the target's min_samples), closes, and returns the evaluation. */
  private Evaluation queueAndStop() {
    try (EngineHarness before = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      before.queueDepth(500, 15);
      return before.evaluate();
    }
  }

  @Test
  void anUnchangedTargetReadsTheSameAtOnceAfterARestart() {
    Evaluation before = queueAndStop();
    assertEquals(3, before.samples());
    assertTrue(Files.exists(dir.resolve(WindowStore.NAME)));
    try (EngineHarness after = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      Evaluation restored = after.evaluate();
      assertEquals(before.samples(), restored.samples());
      assertEquals(before.actual(), restored.actual());
      assertEquals(TargetState.DEVIATING, restored.state());
      // The condition (over 100 for 30 s) goes on from the records before the restart.
      after.queueDepth(500, 30);
      assertEquals(1, after.listener.of("firing").size());
    }
  }

  @Test
  void theTimeTheServerWasDownDoesNotCountAsSilence() {
    String quiet = EngineHarness.QUEUE.replace("min_samples: 3", "min_samples: 3, notify_no_data: 1m");
    try (EngineHarness before = new EngineHarness(quiet, dir, clock)) {
      before.queueDepth(20, 5);
      before.advance(Duration.ofSeconds(35));
      assertFalse(before.evaluate().noData());
    }
    clock.advance(Duration.ofMinutes(10));
    try (EngineHarness after = new EngineHarness(quiet, dir, clock)) {
      // 40 s of silence before the stop, none counted while down.
      assertFalse(after.evaluate().noData());
      after.advance(Duration.ofSeconds(20));
      assertTrue(after.evaluate().noData());
    }
  }

  @Test
  void aChangedTargetStartsWithAnEmptyWindow() {
    queueAndStop();
    String changed = EngineHarness.QUEUE.replace("target: 100", "target: 200");
    try (EngineHarness after = new EngineHarness(changed, dir, clock)) {
      Evaluation restored = after.evaluate();
      assertEquals(0, restored.samples());
      assertTrue(Double.isNaN(restored.actual()));
    }
  }

  @Test
  void aTargetMovedInItsFileKeepsItsWindow() {
    queueAndStop();
    String moved = "\n\n" + EngineHarness.QUEUE;
    try (EngineHarness after = new EngineHarness(moved, dir, clock)) {
      assertEquals(3, after.evaluate().samples());
    }
  }

  @Test
  void aCorruptFileIsReportedOnceAndEveryTargetStartsEmpty() throws Exception {
    queueAndStop();
    Path file = dir.resolve(WindowStore.NAME);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    try (LogCapture logs = new LogCapture();
        EngineHarness after = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      assertEquals(1, logs.lines("cannot read the homeostasis windows saved in " + file).size());
      assertEquals(0, after.evaluate().samples());
      after.queueDepth(500, 15);
      assertEquals(3, after.evaluate().samples());
    }
    // The next stop wrote over it.
    try (EngineHarness third = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      assertEquals(3, third.evaluate().samples());
    }
  }

  @Test
  void aFileOfAnotherVersionIsReportedAndIgnored() throws Exception {
    queueAndStop();
    Path file = dir.resolve(WindowStore.NAME);
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x484d574e);
      out.writeInt(WindowStore.VERSION + 1);
    }
    try (LogCapture logs = new LogCapture();
        EngineHarness after = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      assertEquals(1, logs.lines("written by another version of Homeostat (format "
          + (WindowStore.VERSION + 1)).size());
      assertEquals(0, after.evaluate().samples());
    }
  }

  @Test
  void aMissingFileIsNormal() {
    try (LogCapture logs = new LogCapture();
        EngineHarness first = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      assertEquals(0, first.evaluate().samples());
      assertEquals(0, logs.lines("homeostasis windows").size());
    }
  }

  @Test
  void aHistogramTargetKeepsItsKindAndItsQuantiles() {
    String latency = """
        targets:
          REQ-NFR-PERF-001: { metric: login_latency_ms, target: 500, operator: lt, alert_threshold: 0.95, min_samples: 10 }
        """;
    Evaluation before;
    try (EngineHarness h = new EngineHarness(latency, dir, clock)) {
      for (int i = 0; i < 5; i++) {
        h.send(metrics(histogram("login_latency_ms", false, histogramPoint(h.now(), 0,
            new double[] {100, 500, 1000}, new long[] {50, 30, 15, 5},
            attr("req", "REQ-NFR-PERF-001")))));
        h.advance(Duration.ofSeconds(10));
      }
      before = h.evaluate();
    }
    try (EngineHarness after = new EngineHarness(latency, dir, clock)) {
      Evaluation restored = after.evaluate();
      assertEquals(500, restored.samples());
      assertEquals(before.actual(), restored.actual());
      assertEquals(before.compliance(), restored.compliance());
      // A gauge of that name is another kind than the histogram the target saw first.
      after.send(metrics(gauge("login_latency_ms",
          point(after.now(), 0, 1, attr("req", "REQ-NFR-PERF-001")))));
      assertEquals(1, after.metrics.value("homeostat_homeostasis_dropped_points_total",
          "requirement", "REQ-NFR-PERF-001", "target", "login_latency_ms", "reason", "kind"));
    }
  }

  @Test
  void anSloTargetKeepsDaysOfHistory() {
    Evaluation before;
    try (EngineHarness h = new EngineHarness(SloTest.SLO, dir, clock)) {
      // Two days with 1 failure in 2000 logins: half the budget's rate.
      for (int m = 0; m < 2 * 24 * 60; m++) {
        SloTest.minute(h, m % 2);
      }
      before = h.evaluate();
    }
    assertEquals(0.5, before.errorBudgetRemaining(), 1e-9);
    clock.advance(Duration.ofMinutes(10));
    try (EngineHarness after = new EngineHarness(SloTest.SLO, dir, clock)) {
      Evaluation restored = after.evaluate();
      assertEquals(before.errorBudgetRemaining(), restored.errorBudgetRemaining(), 1e-9);
      assertEquals(before.compliance(), restored.compliance(), 1e-12);
      // The hour shown holds the 50 minutes before the stop, to one 30 s bucket.
      assertEquals(50_000, restored.samples(), 1_000);
      assertEquals(TargetState.OK, restored.state());
    }
  }
}
