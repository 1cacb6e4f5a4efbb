package io.homeostat.exporter.sending;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** A bounded queue in memory: what it holds when the server stops is lost. */
final class MemoryQueue implements RequestQueue {

  private final BlockingQueue<Job> queue;
  private final int capacity;
  private final String refusal;
  private final Unsent unsent = Unsent.lost();

  MemoryQueue(int capacity) {
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.refusal = "its sending queue is full (" + capacity + " requests). The backend is slow "
        + "or unreachable (see the failures logged before this), or the queue is too small for "
        + "the load: raise sending_queue.queue_size or num_consumers";
  }

  @Override
  public boolean offer(Signal signal, Message request, int items) {
    return queue.offer(new Job(signal, request, items, 0));
  }

  @Override
  public String refusal() {
    return refusal;
  }

  @Override
  public Job take() throws InterruptedException {
    return queue.take();
  }

  @Override
  public void done(Job job) {}

  @Override
  public void abandon(Job job) {
    unsent.add(job.signal(), job.items());
  }

  @Override
  public int size() {
    return queue.size();
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public Unsent close() {
    List<Job> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(this::abandon);
    return unsent;
  }
}
