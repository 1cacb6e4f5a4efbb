package io.homeostat.core.telemetry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs failures on the data path at most once per interval per kind of failure, with the number of
 * occurrences since the last line, so that a broken backend yields one line every few seconds, not
 * one per record.
 */
public final class RateLimitedLog {

  private final Logger logger;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public RateLimitedLog(Logger logger, Duration interval) {
    this(logger, interval, System::nanoTime);
  }

  RateLimitedLog(Logger logger, Duration interval, LongSupplier nanoTime) {
    this.logger = logger;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Logs a warning for {@code kind} unless one was logged less than the interval ago; the line
   * says how many occurrences it stands for.
   *
   * @param kind groups occurrences: one line per kind per interval
   * @param message what happened and what to check
   */
  public void warn(String kind, String message, Throwable cause) {
    Window window = windows.computeIfAbsent(kind, k -> new Window());
    long count = window.occurrences.incrementAndGet();
    long now = nanoTime.getAsLong();
    long last = window.lastLogged.get();
    if (last != Long.MIN_VALUE && now - last < intervalNanos) {
      return;
    }
    if (!window.lastLogged.compareAndSet(last, now)) {
      return;
    }
    long occurrences = window.occurrences.getAndAdd(-count);
    var event = logger.atWarn().addKeyValue("occurrences", occurrences);
    if (cause != null) {
      event = event.addKeyValue("error", String.valueOf(cause));
    }
    event.log(message);
  }

  private static final class Window {
    final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
    final AtomicLong occurrences = new AtomicLong();
  }
}
