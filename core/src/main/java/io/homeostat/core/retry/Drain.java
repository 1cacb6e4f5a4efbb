package io.homeostat.core.retry;

import io.homeostat.core.component.Deadline;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shutdown of a queue whose work is retried on threads of its own (an exporter's sending
 * queue, an alert webhook's): work is counted from the moment it is taken until it is done;
 * {@link #drain} stops taking more, wakes retry waits so that they check the deadline, and waits
 * until nothing is pending or the deadline passes.
 */
public final class Drain {

  private static final CountDownLatch NEVER = new CountDownLatch(1);

  private final RetryClock clock;
  /** Work taken and not yet done; draining waits for zero. */
  private final AtomicInteger pending = new AtomicInteger();
  /** Opens when draining begins: retry waits wake to check the deadline. */
  private final CountDownLatch stopping = new CountDownLatch(1);
  /** Opens when nothing is pending after draining began. */
  private final CountDownLatch drained = new CountDownLatch(1);
  private volatile boolean accepting;
  private volatile Deadline deadline;

  public Drain(RetryClock clock) {
    this.clock = clock;
  }

  /** Work is taken from now on, {@code alreadyPending} pieces of it taken over (a disk queue's). */
  public void open(int alreadyPending) {
    pending.addAndGet(alreadyPending);
    accepting = true;
  }

  /** Counts a new piece of work; false, counting nothing, once draining began or before opening. */
  public boolean enter() {
    if (!accepting) {
      return false;
    }
    pending.incrementAndGet();
    return true;
  }

  /** A piece of work is done, delivered or not. */
  public void exit() {
    if (pending.decrementAndGet() == 0 && stopping.getCount() == 0) {
      drained.countDown();
    }
  }

  /** The deadline draining was given; null before it began. */
  public Deadline deadline() {
    return deadline;
  }

  /** Stops taking work and waits until what is pending is done, or {@code deadline} passes. */
  public void drain(Deadline deadline) {
    accepting = false;
    this.deadline = deadline;
    stopping.countDown();
    if (pending.get() == 0) {
      drained.countDown();
    }
    try {
      drained.await(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits {@code nanos} before a retry. Returns false, early, when draining began and the wait
   * would end past its deadline: the work is then given up.
   */
  public boolean pause(long nanos) throws InterruptedException {
    long until = clock.nanoTime() + nanos;
    if (stopping.getCount() != 0 && !clock.await(stopping, nanos)) {
      return true;
    }
    long left = until - clock.nanoTime();
    if (left > deadline.remainingNanos()) {
      return false;
    }
    if (left > 0) {
      clock.await(NEVER, left);
    }
    return true;
  }
}
