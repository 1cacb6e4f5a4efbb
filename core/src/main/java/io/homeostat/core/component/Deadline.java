package io.homeostat.core.component;

import java.time.Duration;

/** A point in {@link System#nanoTime()} time by which a bounded operation must be done. */
public record Deadline(long nanoTime) {

  /** Returns the deadline {@code timeout} from now. */
  public static Deadline in(Duration timeout) {
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** Nanoseconds left, never negative. */
  public long remainingNanos() {
    return Math.max(0, nanoTime - System.nanoTime());
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  public boolean expired() {
    return remainingNanos() == 0;
  }
}
