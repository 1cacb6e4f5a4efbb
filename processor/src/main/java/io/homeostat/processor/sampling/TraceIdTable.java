package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;

/**
 * A bounded, optionally time-limited map from trace id to a {@code long}, for what the sampler
 * must remember about traces it has seen: which have an error, how a trace was decided.
 *
 * <p>Entries live in a ring in insertion order, so the oldest is always the next to go: when the
 * table is full it forgets its oldest entry, and entries older than the time limit are gone. The
 * index is an open-addressing table over the two halves of the id (linear probing, kept at most
 * half full, backward-shift deletion), so lookups read the id's bytes in place and allocate
 * nothing. Not thread-safe: it is used from the pipeline thread, which runs every pipeline of a
 * server.
 */
final class TraceIdTable {

  /** What {@link #get} returns for an id it does not hold. */
  static final long MISSING = Long.MIN_VALUE;

  private final int capacity;
  private final long ttlNanos;
  private final int mask;
  private final int shift;
  /** Index slot to entry number plus one; 0 marks an empty slot. */
  private final int[] slots;
  private final long[] highs;
  private final long[] lows;
  private final long[] values;
  private final long[] insertedAt;
  private final int[] slotOf;
  private int head;
  private int size;

  /**
   * @param capacity the most entries held; past it the oldest is forgotten
   * @param ttlNanos how long an entry is remembered; {@link Long#MAX_VALUE} for no limit
   */
  TraceIdTable(int capacity, long ttlNanos) {
    if (capacity < 1 || capacity > 1 << 28) {
      throw new IllegalArgumentException("capacity must be between 1 and 2^28, was " + capacity);
    }
    this.capacity = capacity;
    this.ttlNanos = ttlNanos;
    int slotCount = Integer.highestOneBit(capacity) << 2;
    this.mask = slotCount - 1;
    this.shift = 64 - Integer.numberOfTrailingZeros(slotCount);
    this.slots = new int[slotCount];
    this.highs = new long[capacity];
    this.lows = new long[capacity];
    this.values = new long[capacity];
    this.insertedAt = new long[capacity];
    this.slotOf = new int[capacity];
  }

  /** The value held for {@code traceId} (16 bytes), or {@link #MISSING}. */
  long get(ByteString traceId, long nanoTime) {
    if (size == 0) {
      return MISSING;
    }
    int entry = find(TraceIds.high(traceId), TraceIds.low(traceId));
    return entry < 0 || expired(entry, nanoTime) ? MISSING : values[entry];
  }

  boolean contains(ByteString traceId, long nanoTime) {
    return get(traceId, nanoTime) != MISSING;
  }

  /**
   * Sets the value for {@code traceId} (16 bytes). A new entry starts its time limit now; an
   * existing one keeps its place and its start.
   */
  void put(ByteString traceId, long value, long nanoTime) {
    forgetExpired(nanoTime);
    long high = TraceIds.high(traceId);
    long low = TraceIds.low(traceId);
    int entry = find(high, low);
    if (entry >= 0) {
      values[entry] = value;
      return;
    }
    if (size == capacity) {
      forgetOldest();
    }
    entry = (head + size) % capacity;
    size++;
    highs[entry] = high;
    lows[entry] = low;
    values[entry] = value;
    insertedAt[entry] = nanoTime;
    int slot = home(high, low);
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = entry + 1;
    slotOf[entry] = slot;
  }

  /** Entries held, expired ones included until they are forgotten. */
  int size() {
    return size;
  }

  private void forgetExpired(long nanoTime) {
    while (size > 0 && expired(head, nanoTime)) {
      forgetOldest();
    }
  }

  private boolean expired(int entry, long nanoTime) {
    return nanoTime - insertedAt[entry] >= ttlNanos;
  }

  private int find(long high, long low) {
    for (int slot = home(high, low); ; slot = (slot + 1) & mask) {
      int entry = slots[slot] - 1;
      if (entry < 0) {
        return -1;
      }
      if (highs[entry] == high && lows[entry] == low) {
        return entry;
      }
    }
  }

  private void forgetOldest() {
    removeSlot(slotOf[head]);
    head = (head + 1) % capacity;
    size--;
  }

  /** Empties {@code slot}, moving later entries of its probe run back so that every lookup still finds them. */
  private void removeSlot(int slot) {
    int hole = slot;
    for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
      int entry = slots[next] - 1;
      int home = home(highs[entry], lows[entry]);
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        slots[hole] = slots[next];
        slotOf[entry] = hole;
        hole = next;
      }
    }
    slots[hole] = 0;
  }

  private int home(long high, long low) {
    return (int) (((high ^ low) * 0x9E3779B97F4A7C15L) >>> shift);
  }
}
