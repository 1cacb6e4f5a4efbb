package io.homeostat.homeostasis.engine;

import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import java.time.Instant;

/**
 * A target that was not OK, as kept across restarts.
 *
 * @param since when its alert condition began to hold (null when it deviates without it holding)
 * @param startsAt when it fired; null unless firing
 */
record SavedTarget(String requirement, String target, TargetState state, Instant since,
    Instant startsAt) {

  TargetKey key() {
    return new TargetKey(requirement, target);
  }
}
