package io.homeostat.homeostasis.alerting;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits, boundedly, for a value that another thread sets. */
final class Await {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Await() {}

  /** Waits until {@code value} returns {@code expected}; the failure shows the last value. */
  static <T> void equal(T expected, Supplier<T> value) {
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
