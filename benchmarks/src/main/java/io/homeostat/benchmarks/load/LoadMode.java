package io.homeostat.benchmarks.load;

/** How fast the load generator sends. */
public sealed interface LoadMode permits LoadMode.FixedRate, LoadMode.FlatOut {

  /** Requests that may be under way at once, retries waiting included. */
  int maxInFlight();

  /**
   * {@code itemsPerSecond} spans, data points or log records a second, in whole requests, paced
   * evenly; when {@code maxInFlight} requests are under way the generator waits, and the rate
   * falls short.
   */
  record FixedRate(double itemsPerSecond, int maxInFlight) implements LoadMode {
    public FixedRate {
      if (!(itemsPerSecond > 0)) {
        throw new IllegalArgumentException("items per second must be positive, was " + itemsPerSecond);
      }
      requirePositive(maxInFlight);
    }
  }

  /** As fast as the server answers: a new request as soon as one of {@code maxInFlight} ends. */
  record FlatOut(int maxInFlight) implements LoadMode {
    public FlatOut {
      requirePositive(maxInFlight);
    }
  }

  private static void requirePositive(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("requests in flight must be at least 1, was " + maxInFlight);
    }
  }
}
