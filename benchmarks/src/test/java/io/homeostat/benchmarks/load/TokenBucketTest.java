package io.homeostat.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long MS = 1_000_000;

  @Test
  void aHundredASecondSendsOneEveryTenMillisecondsFromTheStart() {
    TokenBucket bucket = new TokenBucket(100, 1, 0);
    assertEquals(10 * MS, bucket.intervalNanos());
    assertTrue(bucket.tryTake(0));
    assertFalse(bucket.tryTake(1));
    assertEquals(10 * MS - 1, bucket.nanosUntilNext(1));
    assertTrue(bucket.tryTake(10 * MS));
    assertFalse(bucket.tryTake(19 * MS));
    assertEquals(0, bucket.nanosUntilNext(20 * MS));
  }

  @Test
  void sendingOnTimeForAMinuteTakesExactlyRateTimesSecondsTokens() {
    TokenBucket bucket = new TokenBucket(100, 10, 0);
    int taken = 0;
    for (long now = 0; now < 60_000 * MS; now += MS) {
      while (bucket.tryTake(now)) {
        taken++;
      }
    }
    assertEquals(6000, taken);
  }

  @Test
  void afterAStallASenderCatchesUpByTheBurstAndNoMore() {
    TokenBucket bucket = new TokenBucket(100, 3, 0);
    assertTrue(bucket.tryTake(0));
    long late = 1000 * MS;
    int caughtUp = 0;
    while (bucket.tryTake(late)) {
      caughtUp++;
    }
    assertEquals(3, caughtUp);
    assertEquals(10 * MS, bucket.nanosUntilNext(late));
  }

  @Test
  void aRateThatIsNotAWholeNumberOfNanosecondsRoundsTheInterval() {
    assertEquals(333_333_333, new TokenBucket(3, 1, 0).intervalNanos());
  }

  @Test
  void nanoTimeMayBeNegativeOrWrap() {
    TokenBucket bucket = new TokenBucket(100, 1, Long.MAX_VALUE - 5 * MS);
    assertTrue(bucket.tryTake(Long.MAX_VALUE - 5 * MS));
    assertFalse(bucket.tryTake(Long.MAX_VALUE));
    assertTrue(bucket.tryTake(Long.MAX_VALUE + 5 * MS));
  }

  @Test
  void aRateThatIsNotPositiveIsRefused() {
    assertEquals("rate must be between 0 and 1e9 per second, was 0.0",
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0)).getMessage());
  }

  @Test
  void aBurstBelowOneIsRefused() {
    assertEquals("burst must be at least 1, was 0",
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 0, 0)).getMessage());
  }
}
