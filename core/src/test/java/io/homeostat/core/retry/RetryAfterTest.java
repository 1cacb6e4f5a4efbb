package io.homeostat.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-11-21T10:15:00Z");

  @Test
  void readsDelaySeconds() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", NOW));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
  }

  @Test
  void readsAnHttpDateRelativeToNow() {
    assertEquals(Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Sat, 21 Nov 2026 10:16:30 GMT", NOW));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 21 Nov 2026 10:00:00 GMT", NOW));
  }

  @Test
  void absentOrUnreadableValuesLeaveTheBackoffInCharge() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", NOW));
  }
}
