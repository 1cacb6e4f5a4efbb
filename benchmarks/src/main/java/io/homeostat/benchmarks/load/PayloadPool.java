package io.homeostat.benchmarks.load;

import io.homeostat.core.pipeline.Signal;
import java.util.List;

/**
 * Export requests of one signal, encoded once, that the load generator sends over and over. Each
 * holds the same number of items; their ids differ, so the server never sees one request repeated.
 *
 * @param itemsPerRequest spans, data points or log records in each request
 * @param bodies the encoded {@code Export*ServiceRequest}s; never modified
 */
public record PayloadPool(Signal signal, int itemsPerRequest, List<byte[]> bodies) {

  public PayloadPool {
    if (bodies.isEmpty()) {
      throw new IllegalArgumentException("a payload pool needs at least one request");
    }
    bodies = List.copyOf(bodies);
  }

  /** The body for the {@code n}-th send: the pool's requests in turn. */
  public byte[] body(long n) {
    return bodies.get((int) Math.floorMod(n, (long) bodies.size()));
  }

  /** Average encoded size of one request, in bytes. */
  public double averageBodyBytes() {
    return bodies.stream().mapToInt(b -> b.length).average().orElse(0);
  }
}
