package io.homeostat.homeostasis.window;

import java.time.Duration;
import java.util.Arrays;

/**
 * The series of one cumulative metric a target tracks: 64-bit series keys mapped to dense indexes
 * below a fixed capacity, so that owners keep each series' last point in plain arrays. Open
 * addressing with linear probing; nothing is allocated after construction.
 *
 * <p>A series not seen for the horizon is forgotten by {@link #expire}, which frees its index.
 * When every index is taken, a new series is not tracked ({@link #indexOf} returns -1).
 */
final class SeriesTable {

  private static final long NO_KEY = 0;

  private final long horizonNanos;
  private final long watchStart;
  /** Open-addressing table: key, and the series index stored there (or -1). */
  private final long[] tableKeys;
  private final int[] tableIndexes;
  private final long[] keys;
  private final long[] lastSeen;
  private final int[] free;
  private int freeCount;
  private boolean created;

  /**
   * @param capacity series tracked at once
   * @param horizon how long an unseen series is remembered
   * @param watchStart when the target started watching, nanoseconds since the epoch
   */
  SeriesTable(int capacity, Duration horizon, long watchStart) {
    this.horizonNanos = horizon.toNanos();
    this.watchStart = watchStart;
    int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    tableKeys = new long[size];
    tableIndexes = new int[size];
    Arrays.fill(tableIndexes, -1);
    keys = new long[capacity];
    lastSeen = new long[capacity];
    free = new int[capacity];
    for (int i = 0; i < capacity; i++) {
      free[i] = capacity - 1 - i;
    }
    freeCount = capacity;
  }

  /**
   * The index of series {@code key}, which is added if it is new and there is room; -1 when it is
   * new and the table is full. {@link #created()} tells whether this call added it.
   */
  int indexOf(long key, long now) {
    long k = key == NO_KEY ? 1 : key;
    int mask = tableKeys.length - 1;
    int at = (int) mix(k) & mask;
    while (tableIndexes[at] >= 0) {
      if (tableKeys[at] == k) {
        int index = tableIndexes[at];
        lastSeen[index] = now;
        created = false;
        return index;
      }
      at = (at + 1) & mask;
    }
    if (freeCount == 0) {
      created = false;
      return -1;
    }
    int index = free[--freeCount];
    tableKeys[at] = k;
    tableIndexes[at] = index;
    keys[index] = k;
    lastSeen[index] = now;
    created = true;
    return index;
  }

  /** Whether the last {@link #indexOf} added its series. */
  boolean created() {
    return created;
  }

  /**
   * Whether the first point of a series started by {@code startNanos} holds only what happened
   * while this target watched: then all of its value is new. A series that started earlier, or
   * whose start is unknown (0), gives its first point as a baseline. Forgotten series are covered:
   * one that started before the horizon may have been seen and forgotten, so it is a baseline too.
   */
  boolean startedWhileWatched(long startNanos, long now) {
    return startNanos > 0 && startNanos >= watchStart && startNanos >= now - horizonNanos;
  }

  /** Forgets series not seen for the horizon; returns how many. Rebuilds the table if any went. */
  int expire(long now) {
    long before = now - horizonNanos;
    int expired = 0;
    for (int at = 0; at < tableKeys.length; at++) {
      int index = tableIndexes[at];
      if (index >= 0 && lastSeen[index] < before) {
        tableIndexes[at] = -1;
        free[freeCount++] = index;
        expired++;
      }
    }
    if (expired > 0) {
      rehash();
    }
    return expired;
  }

  /** Linear probing needs no gaps inside a run: reinsert every live entry. */
  private void rehash() {
    int[] live = new int[keys.length - freeCount];
    int n = 0;
    for (int at = 0; at < tableKeys.length; at++) {
      if (tableIndexes[at] >= 0) {
        live[n++] = tableIndexes[at];
      }
    }
    Arrays.fill(tableIndexes, -1);
    int mask = tableKeys.length - 1;
    for (int i = 0; i < n; i++) {
      long k = keys[live[i]];
      int at = (int) mix(k) & mask;
      while (tableIndexes[at] >= 0) {
        at = (at + 1) & mask;
      }
      tableKeys[at] = k;
      tableIndexes[at] = live[i];
    }
  }

  /** The finaliser of MurmurHash3, so that keys differing in few bits spread over the table. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
