package io.homeostat.processor.memorylimiter;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures used heap every {@code check_interval} on a daemon thread of its own and publishes
 * whether data must be refused, so that the pipeline thread only reads a volatile. One per
 * memory_limiter id, shared by its instances in every pipeline; the thread runs while at least one
 * of them is started.
 *
 * <p>As in the Collector's memory limiter: above the soft limit a garbage collection is requested
 * (at most once per {@link GcIntervals} for the limit crossed) and usage measured again; data is
 * refused while usage stays above the soft limit. The collection matters more here than in Go: G1
 * collects only when something allocates, and a server that refuses everything allocates almost
 * nothing, so without it garbage left from before would keep the server refusing for good. The
 * state is logged when it changes, never once per check or per request.
 */
final class HeapWatch {

  private static final Logger log = LoggerFactory.getLogger(HeapWatch.class);

  /** Where used heap stands against the limits. */
  enum State { NORMAL, ABOVE_SOFT_LIMIT, ABOVE_HARD_LIMIT }

  private final String owner;
  private final HeapLimits limits;
  private final Duration interval;
  private final GcIntervals gcIntervals;
  private final LongSupplier usedHeap;
  private final Runnable collectGarbage;
  private final LongSupplier nanoTime;
  private boolean collectedBefore;
  private long lastCollection;
  private volatile State state = State.NORMAL;
  private volatile long lastUsed;
  private int users;
  private ScheduledExecutorService thread;

  /**
   * @param usedHeap bytes of heap in use now
   * @param collectGarbage asks the JVM for a collection ({@link System#gc()})
   * @param nanoTime a monotonic clock ({@link System#nanoTime()})
   */
  HeapWatch(String owner, HeapLimits limits, Duration interval, GcIntervals gcIntervals,
      LongSupplier usedHeap, Runnable collectGarbage, LongSupplier nanoTime) {
    this.owner = owner;
    this.limits = limits;
    this.interval = interval;
    this.gcIntervals = gcIntervals;
    this.usedHeap = usedHeap;
    this.collectGarbage = collectGarbage;
    this.nanoTime = nanoTime;
  }

  /** True while new data must be refused. */
  boolean refusing() {
    return state != State.NORMAL;
  }

  State state() {
    return state;
  }

  /** Bytes of heap in use at the last check. */
  long lastUsed() {
    return lastUsed;
  }

  HeapLimits limits() {
    return limits;
  }

  /** One more instance started: measures now, and starts the thread for the first one. */
  synchronized void acquire() {
    if (users++ > 0) {
      return;
    }
    check();
    thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "homeostat-memory-limiter-" + owner);
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::checkGuarded, interval.toNanos(), interval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** One instance stopped: the last one stops the thread and waits for it, up to {@code wait}. */
  synchronized void release(Duration wait) {
    if (--users > 0 || thread == null) {
      return;
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  /** Measures once and updates the state. */
  synchronized void check() {
    long used = usedHeap.getAsLong();
    if (used >= limits.soft() && collectionDue(used)) {
      collectGarbage.run();
      used = usedHeap.getAsLong();
    }
    lastUsed = used;
    State next = used >= limits.hard() ? State.ABOVE_HARD_LIMIT
        : used >= limits.soft() ? State.ABOVE_SOFT_LIMIT : State.NORMAL;
    State previous = state;
    state = next;
    if (next != previous) {
      logChange(previous, next, used);
    }
  }

  private boolean collectionDue(long used) {
    Duration gap = used >= limits.hard() ? gcIntervals.whenHardLimited() : gcIntervals.whenSoftLimited();
    long now = nanoTime.getAsLong();
    if (collectedBefore && now - lastCollection < gap.toNanos()) {
      return false;
    }
    collectedBefore = true;
    lastCollection = now;
    return true;
  }

  private void checkGuarded() {
    try {
      check();
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).addKeyValue("processor", owner)
          .log("the memory limiter could not measure the heap; it keeps its last state");
    }
  }

  private void logChange(State previous, State next, long used) {
    var event = next == State.NORMAL ? log.atInfo() : log.atWarn();
    event = event.addKeyValue("processor", owner).addKeyValue("heap_used_mib", used >> 20)
        .addKeyValue("soft_limit_mib", limits.soft() >> 20)
        .addKeyValue("hard_limit_mib", limits.hard() >> 20);
    switch (next) {
      case NORMAL -> event.log("used heap is back below the memory limiter's soft limit;"
          + " data is accepted again");
      case ABOVE_SOFT_LIMIT -> event.log(previous == State.NORMAL
          ? "used heap is above the memory limiter's soft limit; new data is refused (clients are"
              + " asked to retry) and garbage collections requested until it falls below. Check the"
              + " exporters' queues and backends, or raise -Xmx and the limit"
          : "used heap fell below the memory limiter's hard limit after a garbage collection but"
              + " is still above the soft limit; new data is still refused");
      case ABOVE_HARD_LIMIT -> event.log("used heap is above the memory limiter's hard limit even"
          + " after a garbage collection; new data is refused and collections are requested until"
          + " it falls. Check the exporters' queues and backends, or raise -Xmx and the limit");
    }
  }
}
