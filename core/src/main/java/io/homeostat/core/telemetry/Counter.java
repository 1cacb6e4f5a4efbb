package io.homeostat.core.telemetry;

import java.util.concurrent.atomic.LongAdder;

/** A monotonic self-metric counter; cheap to increment from many threads. */
public final class Counter {

  private final LongAdder adder = new LongAdder();

  Counter() {}

  public void inc() {
    adder.increment();
  }

  public void add(long n) {
    if (n > 0) {
      adder.add(n);
    }
  }

  public long get() {
    return adder.sum();
  }
}
