package io.homeostat.exporter.sending;

import io.homeostat.core.retry.RetryClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** A clock whose waits take no time: each one moves it forward and is recorded. */
final class FakeRetryClock implements RetryClock {

  private final AtomicLong now = new AtomicLong();
  final List<Duration> waits = new CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public boolean await(CountDownLatch wake, long nanos) {
    if (wake.getCount() == 0) {
      return true;
    }
    waits.add(Duration.ofNanos(nanos));
    now.addAndGet(nanos);
    return false;
  }
}
