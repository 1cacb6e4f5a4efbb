package io.homeostat.exporter.sending;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.pipeline.Signal;
import java.io.IOException;

/**
 * Where an exporter's requests wait for a sender: in memory ({@link MemoryQueue}), or on disk
 * when {@code sending_queue.storage} is set ({@link DiskQueue}), so that every exporter built on
 * {@link QueuedExporter} gets either without a change.
 *
 * <p>{@link #offer} is called on the pipeline thread and never waits for a sender. Senders
 * {@link #take} requests and end each one with {@link #done} (delivered, or dropped for good) or,
 * at shutdown, {@link #abandon}.
 */
interface RequestQueue {

  /** The queue {@code config} describes, for the exporter of {@code settings}. */
  static RequestQueue create(ComponentSettings settings, QueueConfig config) {
    return config.onDisk() ? new DiskQueue(settings, config)
        : new MemoryQueue(config.sizerInUse(), config.capacity());
  }

  /** Opens what the queue needs and finds what an earlier run left; before any other call. */
  default void open() throws IOException {}

  /** Takes {@code request}, or returns false when the queue is full; see {@link #refusal}. */
  boolean offer(Signal signal, Message request, int items);

  /**
   * Why the last {@link #offer} on this thread returned false, for the log line that follows
   * "refused ... and asked the client to retry: ".
   */
  String refusal();

  /** The next request; waits until there is one. */
  Job take() throws InterruptedException;

  /** Ends a request: delivered, or dropped for good. */
  void done(Job job);

  /** Leaves a request undelivered at shutdown: lost from memory, sent again from disk. */
  void abandon(Job job);

  /** What waits for a sender, in the unit of {@code sending_queue.sizer}. */
  int size();

  /** The requests waiting for a sender, whatever the sizer: what a shutdown has to drain. */
  int waitingRequests();

  /** What can wait for a sender, in the unit of {@code sending_queue.sizer}. */
  int capacity();

  /**
   * Closes the queue once no sender takes from it any more, and returns what it did not deliver.
   */
  Unsent close();

  /**
   * A request taken by a sender.
   *
   * @param offset where a disk queue stores it; 0 in memory
   * @param size what it takes of a memory queue, in the sizer's unit, as counted when it came
   */
  record Job(Signal signal, Message request, int items, long offset, long size) {}
}
