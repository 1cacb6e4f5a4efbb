package io.homeostat.exporter;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, boundedly, for a condition that another thread makes true. */
public final class Await {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Await() {}

  /**
   * Starts {@code exporter}'s shutdown on a thread of its own and returns that thread once it
   * waits for the sending queue to drain.
   */
  public static Thread shutdownInBackground(Exporter exporter) {
    Thread shutdown = new Thread(() -> exporter.shutdown(Deadline.in(Duration.ofSeconds(10))),
        "test-shutdown");
    shutdown.start();
    until("shutdown to wait for the queue", () -> shutdown.getState() == Thread.State.TIMED_WAITING);
    return shutdown;
  }

  /** Returns once {@code condition} holds; fails the test with {@code what} after 10 seconds. */
  public static void until(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }

  /** Waits until {@code value} returns {@code expected}; the failure shows the last value. */
  public static <T> void equal(T expected, Supplier<T> value) {
    long end = System.nanoTime() + LIMIT.toNanos();
    T last;
    while (!expected.equals(last = value.get())) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting for " + expected + ", last was " + last);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}
