package io.homeostat.homeostasis.engine;

import static io.homeostat.homeostasis.engine.AlertState.Step.FIRED;
import static io.homeostat.homeostasis.engine.AlertState.Step.NONE;
import static io.homeostat.homeostasis.engine.AlertState.Step.RESOLVED;
import static io.homeostat.homeostasis.engine.AlertState.Step.STILL_FIRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homeostat.homeostasis.model.TargetState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertStateTest {

  static final Duration FOR = Duration.ofMinutes(1);
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  final AlertState alert = new AlertState();

  private AlertState.Step at(int seconds, boolean verdict, boolean condition, boolean missed) {
    return alert.step(T0.plusSeconds(seconds), verdict, condition, missed, false, FOR);
  }

  @Test
  void aConditionFiresOnlyOnceItHasHeldForItsFor() {
    assertEquals(NONE, at(0, true, true, true));
    assertEquals(TargetState.DEVIATING, alert.state());
    assertEquals(NONE, at(59, true, true, true));
    assertEquals(FIRED, at(60, true, true, true));
    assertEquals(TargetState.FIRING, alert.state());
    assertEquals(T0.plusSeconds(60), alert.startsAt());
    assertEquals(STILL_FIRING, at(65, true, true, true));
  }

  @Test
  void aBreakInTheConditionStartsItsForAgain() {
    at(0, true, true, true);
    assertEquals(NONE, at(30, true, false, false));
    assertEquals(TargetState.OK, alert.state());
    assertEquals(NONE, at(40, true, true, true));
    assertEquals(NONE, at(90, true, true, true));
    assertEquals(FIRED, at(100, true, true, true));
  }

  @Test
  void aFiringTargetResolvesOnlyAfterItsConditionHasBeenClearForItsFor() {
    at(0, true, true, true);
    at(60, true, true, true);
    assertEquals(STILL_FIRING, at(70, true, false, false));
    assertEquals(STILL_FIRING, at(100, true, true, true));
    assertEquals(STILL_FIRING, at(110, true, false, false));
    assertEquals(STILL_FIRING, at(169, true, false, false));
    assertEquals(RESOLVED, at(170, true, false, false));
    assertEquals(TargetState.OK, alert.state());
    assertEquals(T0.plusSeconds(60), alert.startsAt());
  }

  @Test
  void aTargetStillMissedButPastItsThresholdResolvesToDeviating() {
    at(0, true, true, true);
    at(60, true, true, true);
    at(70, true, false, true);
    assertEquals(RESOLVED, at(130, true, false, true));
    assertEquals(TargetState.DEVIATING, alert.state());
  }

  @Test
  void withoutAVerdictNothingStartsToFire() {
    for (int s = 0; s <= 300; s += 5) {
      assertEquals(NONE, at(s, false, true, true));
      assertEquals(TargetState.OK, alert.state());
    }
    assertNull(alert.conditionSince());
  }

  @Test
  void withoutAVerdictAFiringTargetCountsAsClear() {
    at(0, true, true, true);
    at(60, true, true, true);
    assertEquals(STILL_FIRING, at(65, false, true, true));
    assertEquals(RESOLVED, at(125, false, true, true));
    assertEquals(TargetState.OK, alert.state());
  }

  @Test
  void stoppedTelemetryFiresAtOnceAndResolvesWhenDataIsBackAndClear() {
    assertEquals(FIRED, alert.step(T0, false, false, false, true, FOR));
    assertEquals(STILL_FIRING, alert.step(T0.plusSeconds(30), false, false, false, true, FOR));
    assertEquals(STILL_FIRING, alert.step(T0.plusSeconds(40), true, false, false, false, FOR));
    assertEquals(RESOLVED, alert.step(T0.plusSeconds(100), true, false, false, false, FOR));
  }

  @Test
  void aRestoredFiringStateNeitherFiresAgainNorResolvesOnEmptyWindows() {
    alert.restore(TargetState.FIRING, T0.minusSeconds(120), T0.minusSeconds(60), T0, Duration.ofMinutes(5));
    assertEquals(STILL_FIRING, at(0, false, false, false));
    assertEquals(STILL_FIRING, at(299, false, false, false));
    assertEquals(T0.minusSeconds(60), alert.startsAt());
    assertEquals(STILL_FIRING, at(300, false, false, false));
    assertEquals(RESOLVED, at(360, false, false, false));
  }

  @Test
  void aRestoredFiringStateResolvesEarlyOnAVerdictThatIsClear() {
    alert.restore(TargetState.FIRING, T0.minusSeconds(120), T0.minusSeconds(60), T0, Duration.ofMinutes(5));
    assertEquals(STILL_FIRING, at(10, true, false, false));
    assertEquals(RESOLVED, at(70, true, false, false));
  }

  @Test
  void forZeroFiresAndResolvesAtTheFirstEvaluation() {
    assertEquals(FIRED, alert.step(T0, true, true, true, false, Duration.ZERO));
    assertEquals(RESOLVED, alert.step(T0.plusSeconds(5), true, false, false, false, Duration.ZERO));
  }
}
