package io.homeostat.exporter.spanmetrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand. */
final class MutableClock extends Clock {

  /** 2026-11-21T10:15:00Z. */
  static final Instant T0 = Instant.ofEpochSecond(1_795_256_100L);

  private volatile Instant now = T0;

  void advance(Duration by) {
    now = now.plus(by);
  }

  /** Unix nanoseconds of the current instant. */
  long nanos() {
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
    throw new UnsupportedOperationException("a test clock has one zone");
  }
}
