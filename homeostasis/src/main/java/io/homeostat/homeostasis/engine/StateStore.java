package io.homeostat.homeostasis.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.state.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the targets that are not OK in {@code homeostasis-targets.json} under the data directory,
 * written on a thread of its own so that the pipeline thread never waits for a disk. Only the
 * latest state matters: saves that pile up while one is written collapse into one.
 */
final class StateStore implements AutoCloseable {

  static final String NAME = "homeostasis-targets";

  private final StateFile<List<SavedTarget>> file;
  private final RateLimitedLog log;
  private final Counter failures;
  private final AtomicReference<List<SavedTarget>> pending = new AtomicReference<>();
  private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
    Thread thread = new Thread(task, "homeostat-homeostasis-state");
    thread.setDaemon(true);
    return thread;
  });

  StateStore(Path dir, RateLimitedLog log, Counter failures) {
    this.file = StateFile.of(dir, NAME, new TypeReference<>() { });
    this.log = log;
    this.failures = failures;
  }

  /** What was saved before the last stop, by key. */
  Map<TargetKey, SavedTarget> load() {
    Map<TargetKey, SavedTarget> byKey = new LinkedHashMap<>();
    file.load().ifPresent(saved -> saved.forEach(target -> byKey.put(target.key(), target)));
    return byKey;
  }

  /** Replaces the saved state with {@code state}, soon. */
  void save(List<SavedTarget> state) {
    if (pending.getAndSet(state) == null) {
      writer.execute(this::write);
    }
  }

  private void write() {
    List<SavedTarget> state = pending.getAndSet(null);
    if (state == null) {
      return;
    }
    try {
      file.save(state);
    } catch (IOException | RuntimeException e) {
      failures.inc();
      log.warn("save", "cannot save the homeostasis targets' state to " + file.path()
          + "; a restart now would forget which targets fire: check the data directory's space "
          + "and permissions", e);
    }
  }

  /** Writes what is pending and stops the writer. */
  @Override
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("save", "saving the homeostasis targets' state took over 10s; it goes on in the "
            + "background: check the data directory's disk", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
