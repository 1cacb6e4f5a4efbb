package io.homeostat.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final RetryConfig CONFIG = RetryConfig.DEFAULT;

  @Test
  void withoutSpreadTheIntervalGrowsByTheMultiplierUpToTheCap() {
    Backoff backoff = new Backoff(CONFIG, () -> 0.5);
    assertEquals(Duration.ofMillis(5000), backoff.nextDelay(0, Duration.ZERO));
    assertEquals(Duration.ofMillis(7500), backoff.nextDelay(1, Duration.ZERO));
    assertEquals(Duration.ofMillis(11250), backoff.nextDelay(2, null));
    assertEquals(Duration.ofMillis(16875), backoff.nextDelay(3, null));
    assertEquals(Duration.ofMillis(25312).plusNanos(500_000), backoff.nextDelay(4, null));
    assertEquals(Duration.ofSeconds(30), backoff.nextDelay(5, null));
    assertEquals(Duration.ofSeconds(30), backoff.nextDelay(5000, null));
  }

  @Test
  void theSpreadCoversPlusMinusTheRandomizationFactorAroundTheCappedInterval() {
    assertEquals(Duration.ofMillis(2500), new Backoff(CONFIG, () -> 0.0).nextDelay(0, null));
    assertEquals(Duration.ofMillis(7500), new Backoff(CONFIG, () -> 1.0).nextDelay(0, null));
    assertEquals(Duration.ofSeconds(15), new Backoff(CONFIG, () -> 0.0).nextDelay(9, null));
    assertEquals(Duration.ofSeconds(45), new Backoff(CONFIG, () -> 1.0).nextDelay(9, null));
  }

  @Test
  void aLongerServerDelayWinsAndAShorterOneDoesNot() {
    Backoff backoff = new Backoff(CONFIG, () -> 0.5);
    assertEquals(Duration.ofSeconds(60), backoff.nextDelay(0, Duration.ofSeconds(60)));
    assertEquals(Duration.ofSeconds(5), backoff.nextDelay(0, Duration.ofSeconds(1)));
  }

  @Test
  void retriesStopWhenTheNextWaitWouldEndPastMaxElapsedTime() {
    Backoff backoff = new Backoff(CONFIG, () -> 0.5);
    assertTrue(backoff.allows(Duration.ofSeconds(270), Duration.ofSeconds(30)));
    assertFalse(backoff.allows(Duration.ofSeconds(271), Duration.ofSeconds(30)));
  }

  @Test
  void zeroMaxElapsedTimeRetriesForeverAndDisabledNeverRetries() {
    RetryConfig forever = new RetryConfig(true, Duration.ofSeconds(1), 0, 2, Duration.ofSeconds(8),
        Duration.ZERO);
    assertTrue(new Backoff(forever).allows(Duration.ofDays(365), Duration.ofSeconds(8)));
    assertFalse(new Backoff(RetryConfig.DISABLED).allows(Duration.ZERO, Duration.ofSeconds(1)));
  }
}
