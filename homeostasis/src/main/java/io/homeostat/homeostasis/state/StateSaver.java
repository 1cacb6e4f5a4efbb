package io.homeostat.homeostasis.state;

import io.homeostat.core.telemetry.RateLimitedLog;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;

/**
 * Writes snapshots of state to a {@link StateFile} on a thread of its own, so that the pipeline
 * thread that changes the state never waits for a disk. Only the newest snapshot matters: one
 * submitted while an earlier one still waits replaces it.
 *
 * @param <T> the saved state; snapshots must be immutable (or no longer changed once submitted)
 */
public final class StateSaver<T> implements AutoCloseable {

  private static final RateLimitedLog LOG =
      new RateLimitedLog(LoggerFactory.getLogger(StateSaver.class), Duration.ofSeconds(30));

  private final StateFile<T> file;
  private final AtomicReference<T> pending = new AtomicReference<>();
  private final ExecutorService writer;

  public StateSaver(StateFile<T> file) {
    this.file = file;
    this.writer = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "state-" + file.path().getFileName());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Saves {@code snapshot} soon, unless a newer one comes first. */
  public void submit(T snapshot) {
    if (pending.getAndSet(snapshot) == null) {
      try {
        writer.execute(this::writePending);
      } catch (RejectedExecutionException closed) {
        pending.set(null);
      }
    }
  }

  private void writePending() {
    T snapshot = pending.getAndSet(null);
    if (snapshot == null) {
      return;
    }
    try {
      file.save(snapshot);
    } catch (IOException | RuntimeException e) {
      LOG.warn("save:" + file.path(), "cannot save state to " + file.path()
          + "; a restart would lose what changed since the last save: check that the data "
          + "directory exists, is writable and has space", e);
    }
  }

  /** Writes what was submitted, waiting at most {@code timeout}, and stops the thread. */
  public void close(Duration timeout) {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      writer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
