package io.homeostat.exporter;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, boundedly, for a condition that another thread makes true. */
public final class Await {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  private Await() {}

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
