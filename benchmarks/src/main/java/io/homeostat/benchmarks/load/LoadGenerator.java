package io.homeostat.benchmarks.load;

import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a {@link PayloadPool}'s requests through a {@link Transport}, at a fixed rate or flat out,
 * and counts what the server made of them.
 *
 * <p>One dispatcher thread starts requests; answers arrive on the transport's threads. A refused
 * request is sent again the way an OpenTelemetry SDK does it: up to {@link #MAX_ATTEMPTS} attempts,
 * waiting the delay the server asked for or an exponential backoff, at most {@link #MAX_DELAY}. A
 * request keeps its place among those in flight while it waits, so a server that pushes back
 * slows the generator down instead of piling up retries.
 */
public final class LoadGenerator {

  /** Attempts per request, the SDKs' default. */
  static final int MAX_ATTEMPTS = 5;
  /** The longest wait before a retry, whatever the server asks: the SDKs' maximum backoff. */
  static final Duration MAX_DELAY = Duration.ofSeconds(5);
  /** The SDKs' backoff: 1s, then × 1.5 up to 5s, ± 20 %. Attempts are capped separately. */
  private static final RetryConfig SDK_RETRY = new RetryConfig(true, Duration.ofSeconds(1), 0.2, 1.5,
      MAX_DELAY, Duration.ZERO);

  private final Transport transport;
  private final PayloadPool pool;
  private final LoadMode mode;
  private final Semaphore inFlight;
  private final Backoff backoff;
  private final ScheduledExecutorService retries;
  private final LongAdder sent = new LongAdder();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder acceptedItems = new LongAdder();
  private final LongAdder rejectedItems = new LongAdder();
  private volatile String lastProblem;
  private volatile boolean running;
  private Thread dispatcher;

  public LoadGenerator(Transport transport, PayloadPool pool, LoadMode mode) {
    this(transport, pool, mode, SDK_RETRY);
  }

  /** With another backoff: tests retry in milliseconds. */
  LoadGenerator(Transport transport, PayloadPool pool, LoadMode mode, RetryConfig retry) {
    this.transport = transport;
    this.pool = pool;
    this.mode = mode;
    this.backoff = new Backoff(retry);
    this.inFlight = new Semaphore(mode.maxInFlight());
    this.retries = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "load-retries"));
  }

  /** Starts sending. */
  public synchronized void start() {
    if (dispatcher != null) {
      throw new IllegalStateException("the load generator was already started");
    }
    running = true;
    dispatcher = daemon(mode instanceof LoadMode.FixedRate rate ? () -> paced(rate) : this::flatOut,
        "load-dispatcher");
    dispatcher.start();
  }

  private void paced(LoadMode.FixedRate rate) {
    double requestsPerSecond = rate.itemsPerSecond() / pool.itemsPerRequest();
    // Catch up at most a tenth of a second of sends after a stall.
    int burst = (int) Math.max(1, Math.ceil(requestsPerSecond / 10));
    TokenBucket bucket = new TokenBucket(requestsPerSecond, burst, System.nanoTime());
    long sequence = 0;
    while (running) {
      long now = System.nanoTime();
      if (!bucket.tryTake(now)) {
        LockSupport.parkNanos(bucket.nanosUntilNext(now));
        continue;
      }
      if (!acquireSlot()) {
        return;
      }
      begin(sequence++);
    }
  }

  private void flatOut() {
    long sequence = 0;
    while (running) {
      if (!acquireSlot()) {
        return;
      }
      begin(sequence++);
    }
  }

  private boolean acquireSlot() {
    try {
      inFlight.acquire();
      return true;
    } catch (InterruptedException stopping) {
      return false;
    }
  }

  private void begin(long sequence) {
    sent.increment();
    attempt(pool.body(sequence), 0);
  }

  private void attempt(byte[] body, int retry) {
    attempts.increment();
    transport.send(body, result -> onResult(body, retry, result));
  }

  private void onResult(byte[] body, int retry, SendResult result) {
    if (result instanceof SendResult.Accepted taken) {
      accepted.increment();
      acceptedItems.add(pool.itemsPerRequest() - taken.rejectedItems());
      rejectedItems.add(taken.rejectedItems());
      inFlight.release();
    } else if (result instanceof SendResult.Refused refusal) {
      refused.increment();
      if (retry + 1 >= MAX_ATTEMPTS) {
        giveUp("refused " + MAX_ATTEMPTS + " times, last: " + refusal.reason());
        return;
      }
      long delay = Math.min(backoff.nextDelay(retry, refusal.retryAfter()).toNanos(), MAX_DELAY.toNanos());
      try {
        retries.schedule(() -> attempt(body, retry + 1), delay, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopped) {
        giveUp("refused, and the generator stopped before the retry: " + refusal.reason());
      }
    } else {
      giveUp(((SendResult.Failed) result).reason());
    }
  }

  private void giveUp(String reason) {
    failed.increment();
    lastProblem = reason;
    inFlight.release();
  }

  public LoadCounts counts() {
    return new LoadCounts(sent.sum(), attempts.sum(), accepted.sum(), refused.sum(), failed.sum(),
        acceptedItems.sum(), rejectedItems.sum());
  }

  /** Why the last request was given up, or null when none was. */
  public String lastProblem() {
    return lastProblem;
  }

  /**
   * Stops starting requests and waits up to {@code timeout} for those under way (retries
   * included) to end. Returns false when some were still under way.
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    running = false;
    Thread thread;
    synchronized (this) {
      thread = dispatcher;
    }
    if (thread == null) {
      return true;
    }
    thread.interrupt();
    thread.join(timeout.toMillis());
    boolean drained = inFlight.tryAcquire(mode.maxInFlight(), timeout.toNanos(), TimeUnit.NANOSECONDS);
    retries.shutdownNow();
    return drained;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
