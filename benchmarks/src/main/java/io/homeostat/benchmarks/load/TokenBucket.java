package io.homeostat.benchmarks.load;

/**
 * Paces sends at a fixed rate. A token bucket kept as the theoretical time of the next send (the
 * generic cell rate algorithm), in whole nanoseconds, so that a long run does not drift the way
 * sums of fractional tokens do. A sender that fell behind may catch up with at most {@code burst}
 * sends at once; what it missed beyond that is gone, and the achieved rate shows the shortfall.
 *
 * <p>Pure arithmetic on the times it is given; not thread-safe (one pacing thread uses it).
 */
final class TokenBucket {

  private final long intervalNanos;
  private final long burstNanos;
  private long nextNanos;

  /**
   * @param perSecond sends per second; the interval between them is rounded to whole nanoseconds
   * @param burst sends that may go at once after a stall, at least 1
   * @param startNanos when the first token is there
   */
  TokenBucket(double perSecond, int burst, long startNanos) {
    if (!(perSecond > 0) || perSecond > 1e9) {
      throw new IllegalArgumentException("rate must be between 0 and 1e9 per second, was " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    this.intervalNanos = Math.round(1e9 / perSecond);
    this.burstNanos = (burst - 1) * intervalNanos;
    this.nextNanos = startNanos;
  }

  /** Takes a token if one is there at {@code nowNanos}. */
  boolean tryTake(long nowNanos) {
    if (nowNanos - nextNanos < 0) {
      return false;
    }
    // Compared by difference, as System.nanoTime() values must be: they may wrap.
    long earliest = nowNanos - burstNanos;
    nextNanos = (earliest - nextNanos > 0 ? earliest : nextNanos) + intervalNanos;
    return true;
  }

  /** How long after {@code nowNanos} the next token is there; 0 when one is there now. */
  long nanosUntilNext(long nowNanos) {
    return Math.max(0, nextNanos - nowNanos);
  }

  long intervalNanos() {
    return intervalNanos;
  }
}
