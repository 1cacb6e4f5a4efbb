package io.homeostat.benchmarks.load;

/**
 * What the load generator has done, counted in requests unless the name says items.
 *
 * @param sent requests started (each once, however often it was retried)
 * @param attempts calls made, retries included
 * @param accepted requests the server took
 * @param refused attempts answered with a retryable refusal
 * @param failed requests given up: a non-retryable answer, or refused on every attempt
 * @param acceptedItems spans, data points or log records the server took
 * @param rejectedItems items the server took the request of but said it dropped (partial success)
 */
public record LoadCounts(long sent, long attempts, long accepted, long refused, long failed,
    long acceptedItems, long rejectedItems) {

  /** Requests started but not answered for good yet. */
  public long pending() {
    return sent - accepted - failed;
  }

  /** What happened between {@code earlier} and this snapshot. */
  public LoadCounts minus(LoadCounts earlier) {
    return new LoadCounts(sent - earlier.sent, attempts - earlier.attempts,
        accepted - earlier.accepted, refused - earlier.refused, failed - earlier.failed,
        acceptedItems - earlier.acceptedItems, rejectedItems - earlier.rejectedItems);
  }
}
