package io.homeostat.homeostasis.alerting;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Time as a destination's retry loop sees it; tests replace it so that backoff waits take none. */
public interface RetryTimer {

  RetryTimer SYSTEM = new RetryTimer() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public boolean await(CountDownLatch wake, long nanos) throws InterruptedException {
      return wake.await(nanos, TimeUnit.NANOSECONDS);
    }
  };

  long nanoTime();

  /** Waits {@code nanos}, or less when {@code wake} opens first; returns true when it did. */
  boolean await(CountDownLatch wake, long nanos) throws InterruptedException;
}
