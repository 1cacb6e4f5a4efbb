package io.homeostat.homeostasis.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
public final class FakeClock extends Clock {

  private Instant now;

  public FakeClock(Instant start) {
    this.now = start;
  }

  public FakeClock() {
    this(Instant.parse("2026-11-21T10:00:00Z"));
  }

  public void advance(Duration by) {
    now = now.plus(by);
  }

  /** Now, in nanoseconds since the epoch. */
  public long nanos() {
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
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
