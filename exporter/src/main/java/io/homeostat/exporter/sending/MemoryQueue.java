package io.homeostat.exporter.sending;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue in memory, bounded by what its {@link QueueSizer} counts: what it holds when the server
 * stops is lost.
 *
 * <p>A request larger than the whole queue is taken whenever the queue is below its capacity, so
 * it is not refused for as long as smaller requests keep the queue from emptying; the queue then
 * holds at most one such request beyond its capacity. (The Collector refuses such a request
 * always, which no retry can cure.)
 */
final class MemoryQueue implements RequestQueue {

  private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
  private final QueueSizer sizer;
  private final int capacity;
  /** What the queued requests take, in the sizer's unit. */
  private final AtomicLong used = new AtomicLong();
  private final String full;
  private final String tooLarge;
  private String refusal;
  private final Unsent unsent = Unsent.lost();

  MemoryQueue(QueueSizer sizer, int capacity) {
    this.sizer = sizer;
    this.capacity = capacity;
    this.full = "its sending queue is full (" + capacity + " " + sizer.unit() + "). The "
        + "backend is slow or unreachable (see the failures logged before this), or the queue is "
        + "too small for the load: raise sending_queue.queue_size or num_consumers";
    this.tooLarge = "the request is larger than its whole sending queue (" + capacity + " "
        + sizer.unit() + ") and waits until the queue is below that; raise "
        + "sending_queue.queue_size, or have clients send smaller batches";
    this.refusal = full;
  }

  @Override
  public boolean offer(Signal signal, Message request, int items) {
    long size = sizer.sizeOf(request, items);
    if (!reserve(size)) {
      refusal = size > capacity ? tooLarge : full;
      return false;
    }
    queue.add(new Job(signal, request, items, 0, size));
    return true;
  }

  /** Takes room for {@code size}, or returns false when there is not enough. */
  private boolean reserve(long size) {
    long now;
    do {
      now = used.get();
      boolean fits = size > capacity ? now < capacity : now + size <= capacity;
      if (!fits) {
        return false;
      }
    } while (!used.compareAndSet(now, now + size));
    return true;
  }

  @Override
  public String refusal() {
    return refusal;
  }

  @Override
  public Job take() throws InterruptedException {
    Job job = queue.take();
    used.addAndGet(-job.size());
    return job;
  }

  @Override
  public void done(Job job) {}

  @Override
  public void abandon(Job job) {
    unsent.add(job.signal(), job.items());
  }

  @Override
  public int size() {
    return (int) Math.min(used.get(), Integer.MAX_VALUE);
  }

  @Override
  public int waitingRequests() {
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
