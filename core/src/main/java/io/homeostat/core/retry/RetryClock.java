package io.homeostat.core.retry;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Time as a retry loop sees it (an exporter's senders, an alert or intent webhook); tests replace
 * it so that backoff waits take no time.
 */
public interface RetryClock {

  RetryClock SYSTEM = new RetryClock() {
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
