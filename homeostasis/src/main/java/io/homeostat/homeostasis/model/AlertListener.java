package io.homeostat.homeostasis.model;

import java.time.Instant;

/**
 * Told when a target starts and stops firing. Called on the pipeline thread, so implementations
 * hand the work to their own threads and never block.
 */
public interface AlertListener {

  /** The target's condition has held for its {@code for}: once per key until it resolves. */
  void firing(Evaluation evaluation, Instant startsAt);

  /** While firing, after each evaluation: for repeats and the admin API's live values. */
  default void stillFiring(Evaluation evaluation, Instant startsAt) {}

  /** The condition of a firing target has been clear for its {@code for}. */
  void resolved(Evaluation evaluation, Instant startsAt, Instant endsAt);
}
