package io.homeostat.server.pipeline;

import io.homeostat.core.component.Deadline;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets publishers into the ring until shutdown, and tells shutdown when the last one is out, so
 * that no request slips in behind the final flush. The state is one word: a closed bit and the
 * number of publishers inside.
 */
final class Gate {

  private static final long CLOSED = 1L << 62;

  private final AtomicLong state = new AtomicLong();

  /** Returns false when closed; otherwise the caller is inside until {@link #exit()}. */
  boolean enter() {
    long s;
    do {
      s = state.get();
      if ((s & CLOSED) != 0) {
        return false;
      }
    } while (!state.compareAndSet(s, s + 1));
    return true;
  }

  void exit() {
    state.decrementAndGet();
  }

  /** Closes the gate and waits, until {@code deadline}, for the publishers inside to leave. */
  boolean closeAndAwait(Deadline deadline) {
    state.getAndUpdate(s -> s | CLOSED);
    while ((state.get() & ~CLOSED) != 0) {
      if (deadline.expired()) {
        return false;
      }
      // Publishers stay inside for a few hundred nanoseconds; a short park is plenty.
      LockSupport.parkNanos(10_000);
    }
    return true;
  }
}
