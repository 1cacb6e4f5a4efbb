package io.homeostat.processor.requirements;

/**
 * A bounded map from span (trace id and span id) to a value, remembered for at most
 * {@code maxAgeNanos}, that costs no allocation per entry.
 *
 * <p>Trace inheritance must remember every span that passes, tagged or not, so that its children
 * and log records can find its keys; at tens of thousands of spans a second an object per entry
 * would be most of the processor's garbage. Entries therefore live in parallel arrays used as a
 * ring in insertion order: when the ring is full the oldest entry is overwritten, and entries
 * older than the age limit are removed from the old end as new ones come. An open-addressing table
 * with linear probing (at most half full) indexes the ring; removal shifts the following probes
 * back, so no tombstones build up. A removed entry in the middle of the ring leaves a hole that
 * the old end skips.
 *
 * <p>Not thread-safe: the pipeline thread is its only user.
 */
final class SpanCache {

  private final int capacity;
  private final long maxAgeNanos;
  private final long[] traceHigh;
  private final long[] traceLow;
  private final long[] spanIds;
  private final long[] times;
  /** The value of each ring slot; null for a free slot. */
  private final Object[] values;
  /** Ring slot + 1 at each probe position; 0 when the position is free. */
  private final int[] table;
  private final int mask;
  /** The ring slot written next. */
  private int next;
  /** Ring slots from the oldest to {@link #next}, holes included. */
  private int used;
  private int live;

  SpanCache(int capacity, long maxAgeNanos) {
    this.capacity = capacity;
    this.maxAgeNanos = maxAgeNanos;
    traceHigh = new long[capacity];
    traceLow = new long[capacity];
    spanIds = new long[capacity];
    times = new long[capacity];
    values = new Object[capacity];
    int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    table = new int[tableSize];
    mask = tableSize - 1;
  }

  /** Entries held now. */
  int size() {
    return live;
  }

  /** The slot of the span, or -1 when it is not known (or no longer: older than the age limit). */
  int find(long high, long low, long spanId, long now) {
    for (int position = home(high, low, spanId); ; position = (position + 1) & mask) {
      int slot = table[position] - 1;
      if (slot < 0) {
        return -1;
      }
      if (spanIds[slot] == spanId && traceLow[slot] == low && traceHigh[slot] == high) {
        if (now - times[slot] > maxAgeNanos) {
          remove(slot);
          return -1;
        }
        return slot;
      }
    }
  }

  Object value(int slot) {
    return values[slot];
  }

  void set(int slot, Object value) {
    values[slot] = value;
  }

  /** Adds a span that {@link #find} does not know, evicting the oldest entries as needed. */
  void add(long high, long low, long spanId, Object value, long now) {
    expire(now);
    if (used == capacity) {
      int oldest = oldest();
      if (values[oldest] != null) {
        remove(oldest);
      }
      used--;
    }
    int slot = next;
    next = next + 1 == capacity ? 0 : next + 1;
    used++;
    live++;
    traceHigh[slot] = high;
    traceLow[slot] = low;
    spanIds[slot] = spanId;
    times[slot] = now;
    values[slot] = value;
    int position = home(high, low, spanId);
    while (table[position] != 0) {
      position = (position + 1) & mask;
    }
    table[position] = slot + 1;
  }

  /** Forgets the entry in {@code slot}. */
  void remove(int slot) {
    int position = home(traceHigh[slot], traceLow[slot], spanIds[slot]);
    while (table[position] != slot + 1) {
      position = (position + 1) & mask;
    }
    // Backward-shift deletion: move up every later probe that may no longer reach its entry.
    int hole = position;
    for (int at = (hole + 1) & mask; table[at] != 0; at = (at + 1) & mask) {
      int other = table[at] - 1;
      int wanted = home(traceHigh[other], traceLow[other], spanIds[other]);
      boolean reachable = hole <= at ? wanted > hole && wanted <= at : wanted > hole || wanted <= at;
      if (!reachable) {
        table[hole] = table[at];
        hole = at;
      }
    }
    table[hole] = 0;
    values[slot] = null;
    live--;
  }

  /** Removes entries older than the age limit, and holes, from the old end of the ring. */
  void expire(long now) {
    while (used > 0) {
      int oldest = oldest();
      if (values[oldest] != null) {
        if (now - times[oldest] <= maxAgeNanos) {
          return;
        }
        remove(oldest);
      }
      used--;
    }
  }

  private int oldest() {
    int oldest = next - used;
    return oldest < 0 ? oldest + capacity : oldest;
  }

  private int home(long high, long low, long spanId) {
    long h = (spanId ^ low ^ Long.rotateLeft(high, 17)) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
