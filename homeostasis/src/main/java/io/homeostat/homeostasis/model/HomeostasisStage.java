package io.homeostat.homeostasis.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the {@code homeostasis} processor of every pipeline talks to: the server's one homeostasis
 * runtime (targets, production issues, feedback). The server puts it into
 * {@code ComponentSettings.shared()} under {@link #KEY} when the config has a top-level
 * {@code homeostasis:} section; the processor is created only then.
 *
 * <p>All calls come from the pipeline thread, so the runtime's windows need no locks.
 */
public interface HomeostasisStage {

  /** The key of the runtime in {@code ComponentSettings.shared()}. */
  String KEY = "homeostasis.stage";

  /** What sees every request at the stage: target windows, the issue tracker. */
  List<RecordObserver> observers();

  /** How often {@link #onTick} must run: the evaluation interval. */
  Duration tickInterval();

  /** Evaluates what is due at {@code now} (targets, issue expiry). */
  void onTick(Instant now);
}
