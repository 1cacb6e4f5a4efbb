package io.homeostat.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test advances it, for windows, retries and repeats. */
public final class ManualClock extends Clock {

  private volatile Instant now;

  public ManualClock(Instant start) {
    this.now = start;
  }

  /** Starts at 2026-11-21T10:00:00Z. */
  public ManualClock() {
    this(Instant.parse("2026-11-21T10:00:00Z"));
  }

  public static ManualClock at(String instant) {
    return new ManualClock(Instant.parse(instant));
  }

  /** Moves the clock on and returns the new instant. */
  public Instant advance(Duration by) {
    now = now.plus(by);
    return now;
  }

  /** Now, in nanoseconds since the epoch, as OTLP timestamps are written. */
  public long nanos() {
    Instant at = now;
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
