package io.homeostat.exporter.sending;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of a disk queue that senders have taken and not yet ended, by offset. Senders end
 * them in any order; the lowest offset still here is where the queue must start again after a
 * crash, and its time is the age of the oldest request not delivered. Senders take records in
 * offset order, so insertion order is offset order. Guarded by the queue's lock.
 */
final class InFlight {

  /** Offset to the time the record was written, epoch ms. */
  private final Map<Long, Long> writtenAt = new LinkedHashMap<>();

  void add(long offset, long writtenAtMillis) {
    writtenAt.put(offset, writtenAtMillis);
  }

  void remove(long offset) {
    writtenAt.remove(offset);
  }

  /** The lowest offset taken and not ended, or {@code otherwise} when there is none. */
  long lowest(long otherwise) {
    Iterator<Long> first = writtenAt.keySet().iterator();
    return first.hasNext() ? first.next() : otherwise;
  }

  /** When the record at {@link #lowest} was written, or {@code otherwise}. */
  long oldestWrittenAt(long otherwise) {
    Iterator<Long> first = writtenAt.values().iterator();
    return first.hasNext() ? first.next() : otherwise;
  }
}
