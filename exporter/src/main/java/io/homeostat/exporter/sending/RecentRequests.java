package io.homeostat.exporter.sending;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import java.util.ArrayDeque;

/**
 * The requests a disk queue wrote last, still decoded, so that senders that keep up take them
 * from memory instead of reading and parsing them back. It holds the newest {@code capacity}
 * records, which always follow each other in the log: when senders fall behind (the backend is
 * down) they read from disk until they reach the first one held here. Guarded by the queue's lock.
 */
final class RecentRequests {

  /** A record as written: where, how large, and what. */
  record Entry(long offset, long size, Signal signal, int items, long writtenAtMillis,
      Message request) {}

  private final ArrayDeque<Entry> entries;
  private final int capacity;

  RecentRequests(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  void add(Entry entry) {
    if (entries.size() == capacity) {
      entries.pollFirst();
    }
    entries.addLast(entry);
  }

  /**
   * The record at {@code offset}, taken out, or null when it is not held (older records are
   * forgotten on the way: the reader has passed them).
   */
  Entry take(long offset) {
    while (!entries.isEmpty() && entries.peekFirst().offset() < offset) {
      entries.pollFirst();
    }
    return !entries.isEmpty() && entries.peekFirst().offset() == offset ? entries.pollFirst() : null;
  }

  /** The record at {@code offset} if it is held, left in place. */
  Entry peek(long offset) {
    Entry first = entries.peekFirst();
    return first != null && first.offset() == offset ? first : null;
  }
}
