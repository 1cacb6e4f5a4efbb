package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.model.TargetState;
import java.time.Duration;
import java.time.Instant;

/**
 * The no-flapping state machine of one target:
 *
 * <ul>
 *   <li>OK while the target is met, or there is no verdict (fewer than {@code min_samples});
 *   <li>DEVIATING while the target is missed but the alert condition has not held for {@code for}
 *       (or does not hold: a single value between its threshold and its target);
 *   <li>FIRING once the condition has held for {@code for}, or at once when the target's telemetry
 *       stopped for {@code notify_no_data}; it resolves only after the condition has been clear
 *       for {@code for}. No verdict counts as clear, except for a firing state restored at start,
 *       until one window has passed: the windows start empty after a restart.
 * </ul>
 */
final class AlertState {

  /** What one evaluation did to the alert. */
  enum Step { NONE, FIRED, STILL_FIRING, RESOLVED }

  private TargetState state = TargetState.OK;
  /** When the alert condition began to hold without a break; null while it does not. */
  private Instant conditionSince;
  /** When a firing target's condition became clear; null while it holds. */
  private Instant clearSince;
  /** When the target fired; kept after it resolves, for the resolved notice. */
  private Instant startsAt;
  /** Until then, no verdict does not count as clear (a restored firing state); null: never. */
  private Instant noVerdictHoldsUntil;

  /**
   * Advances the state to {@code now}.
   *
   * @param verdict the window had enough samples
   * @param condition the alert condition holds (meaningful with a verdict)
   * @param missed the target is missed (meaningful with a verdict)
   * @param noData the target's telemetry has stopped for its {@code notify_no_data}
   */
  Step step(Instant now, boolean verdict, boolean condition, boolean missed, boolean noData,
      Duration holdFor) {
    boolean holds = noData || verdict && condition;
    if (state == TargetState.FIRING) {
      boolean clear = !holds && (verdict || noVerdictHoldsUntil == null || !now.isBefore(noVerdictHoldsUntil));
      if (!clear) {
        clearSince = null;
        return Step.STILL_FIRING;
      }
      if (clearSince == null) {
        clearSince = now;
      }
      if (Duration.between(clearSince, now).compareTo(holdFor) < 0) {
        return Step.STILL_FIRING;
      }
      state = verdict && missed ? TargetState.DEVIATING : TargetState.OK;
      conditionSince = null;
      clearSince = null;
      noVerdictHoldsUntil = null;
      return Step.RESOLVED;
    }
    if (holds) {
      if (conditionSince == null) {
        conditionSince = now;
      }
      if (noData || Duration.between(conditionSince, now).compareTo(holdFor) >= 0) {
        state = TargetState.FIRING;
        startsAt = now;
        return Step.FIRED;
      }
      state = TargetState.DEVIATING;
      return Step.NONE;
    }
    conditionSince = null;
    state = verdict && missed ? TargetState.DEVIATING : TargetState.OK;
    return Step.NONE;
  }

  /**
   * Takes up a state saved before a restart. A firing target stays firing without firing again,
   * and no verdict does not resolve it until {@code window} after {@code now}.
   */
  void restore(TargetState saved, Instant since, Instant savedStartsAt, Instant now, Duration window) {
    state = saved;
    conditionSince = since;
    if (saved == TargetState.FIRING) {
      startsAt = savedStartsAt;
      noVerdictHoldsUntil = now.plus(window);
    }
  }

  TargetState state() {
    return state;
  }

  Instant conditionSince() {
    return conditionSince;
  }

  /** When the target last fired. */
  Instant startsAt() {
    return startsAt;
  }
}
