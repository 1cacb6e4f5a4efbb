package io.homeostat.receiver.otlp;

import io.homeostat.core.component.Deadline;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the HTTP requests whose answer is still to be sent, so that shutdown can refuse new ones
 * and wait for those under way before the listener closes their connections.
 */
final class InFlightCalls {

  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch drained = new CountDownLatch(1);
  private volatile boolean closing;

  /** Starts a call; false when shutdown has begun and the call must be refused. */
  boolean enter() {
    calls.incrementAndGet();
    if (closing) {
      exit();
      return false;
    }
    return true;
  }

  /** Ends a call once its answer is sent. */
  void exit() {
    if (calls.decrementAndGet() == 0 && closing) {
      drained.countDown();
    }
  }

  /** Refuses new calls from now on. */
  void close() {
    closing = true;
    if (calls.get() == 0) {
      drained.countDown();
    }
  }

  /** Waits until every call under way has ended; returns how many are left at the deadline. */
  int awaitDrained(Deadline deadline) throws InterruptedException {
    drained.await(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    return calls.get();
  }
}
