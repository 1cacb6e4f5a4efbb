package io.homeostat.homeostasis.engine;

import io.homeostat.core.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.homeostasis.model.TargetState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restart neither pages again nor forgets a firing target. */
class RestartTest {

  @TempDir
  Path dir;

  /** Fires the target, stops the engine, and returns when it fired. */
  private Instant fireAndStop(ManualClock clock) {
    try (EngineHarness before = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      before.queueDepth(500, 60);
      assertEquals(1, before.listener.of("firing").size());
      return before.listener.of("firing").get(0).startsAt();
    }
  }

  @Test
  void aFiringTargetRestoredAtStartKeepsFiringWithoutFiringAgain() throws Exception {
    ManualClock clock = new ManualClock();
    Instant startsAt = fireAndStop(clock);
    assertTrue(Files.readString(dir.resolve("homeostasis-targets.json")).contains("\"FIRING\""));
    clock.advance(Duration.ofSeconds(20));
    try (EngineHarness after = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      after.queueDepth(500, 60);
      assertEquals(0, after.listener.of("firing").size());
      assertEquals(12, after.listener.of("still").size());
      assertEquals(startsAt, after.listener.of("still").get(0).startsAt());
      assertEquals(TargetState.FIRING, after.engine.evaluations().get(0).state());
      // The 500s leave the 1m window within a minute; then the condition is clear for 30s.
      after.queueDepth(20, 120);
      assertEquals(1, after.listener.of("resolved").size());
      assertEquals(startsAt, after.listener.of("resolved").get(0).startsAt());
    }
    try (EngineHarness third = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      third.advance(Duration.ofMinutes(10));
      assertEquals(TargetState.OK, third.evaluate().state());
      assertEquals(0, third.listener.calls.size());
    }
  }

  @Test
  void emptyWindowsAfterARestartDoNotResolveAFiringTargetBeforeAWindowHasPassed() throws Exception {
    ManualClock clock = new ManualClock();
    fireAndStop(clock);
    // As when the windows could not be saved: the target starts with an empty window.
    Files.delete(dir.resolve(WindowStore.NAME));
    try (EngineHarness after = new EngineHarness(EngineHarness.QUEUE, dir, clock)) {
      for (int s = 0; s < 60; s += 5) {
        after.advance(Duration.ofSeconds(5));
        assertEquals(TargetState.FIRING, after.evaluate().state());
      }
      for (int s = 0; s < 30; s += 5) {
        after.advance(Duration.ofSeconds(5));
        after.evaluate();
      }
      assertEquals(1, after.listener.of("resolved").size());
    }
  }

  @Test
  void aTargetThatIsNoLongerConfiguredIsDroppedFromTheState() throws Exception {
    ManualClock clock = new ManualClock();
    fireAndStop(clock);
    String other = """
        targets:
          REQ-F-AUTH-001: { metric: other_depth, target: 100, operator: lte }
        """;
    try (EngineHarness after = new EngineHarness(other, dir, clock)) {
      after.evaluate();
      assertEquals(TargetState.OK, after.engine.evaluations().get(0).state());
    }
    assertEquals("[]", Files.readString(dir.resolve("homeostasis-targets.json")).strip());
  }
}
