package io.homeostat.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits, within thirty seconds, for a state that another thread brings about and that no latch
 * or future signals (a counter reaching a value, a server listing an alert). Shared by the tests
 * of every module. The limit only matters when a test fails; it is long because CI runs on two
 * busy cores, where a JIT warm-up or a GC can stall a thread for seconds.
 */
public final class Await {

  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final long PAUSE_NANOS = Duration.ofMillis(2).toNanos();

  private Await() {}

  /** Returns once {@code condition} holds; fails the test naming {@code what} after the limit. */
  public static void until(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out after " + LIMIT.toSeconds() + "s waiting until " + what);
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  /** Returns once {@code value} gives {@code expected}; the failure shows the last value. */
  public static <T> void equal(T expected, Supplier<T> value) {
    long end = System.nanoTime() + LIMIT.toNanos();
    T last;
    while (!expected.equals(last = value.get())) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out waiting for " + expected + ", last was " + last);
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
