package io.homeostat.processor.memorylimiter;

/**
 * The memory limiter's limits in bytes of used heap.
 *
 * @param hard above it, garbage collections may be requested as often as every check
 * @param soft above it, data is refused and a garbage collection is requested
 */
record HeapLimits(long hard, long soft) {

  String describe() {
    return "soft limit " + (soft >> 20) + " MiB, hard limit " + (hard >> 20) + " MiB";
  }
}
