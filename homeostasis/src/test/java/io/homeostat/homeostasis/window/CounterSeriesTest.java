package io.homeostat.homeostasis.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CounterSeriesTest {

  static final long S = 1_000_000_000L;
  static final long WATCH_START = 1_800_000_000L * S;
  static final long EARLIER = WATCH_START - 3600 * S;

  final CounterSeries series = new CounterSeries(2, Duration.ofMinutes(15), WATCH_START);

  @Test
  void theFirstPointOfASeriesStartedBeforeWatchingIsABaseline() {
    assertEquals(0, series.increase(1, EARLIER, 500, WATCH_START));
    assertEquals(20, series.increase(1, EARLIER, 520, WATCH_START + 10 * S));
    assertEquals(0, series.increase(1, EARLIER, 520, WATCH_START + 20 * S));
  }

  @Test
  void aSeriesStartedWhileWatchingCountsItsWholeFirstValue() {
    assertEquals(7, series.increase(1, WATCH_START + S, 7, WATCH_START + 10 * S));
  }

  @Test
  void aSeriesWithoutAStartTimeStartsAsABaseline() {
    assertEquals(0, series.increase(1, 0, 7, WATCH_START + 10 * S));
    assertEquals(3, series.increase(1, 0, 10, WATCH_START + 20 * S));
  }

  @Test
  void aValueBelowTheLastOneIsAResetFromZero() {
    series.increase(1, EARLIER, 500, WATCH_START);
    assertEquals(30, series.increase(1, EARLIER, 30, WATCH_START + 10 * S));
    assertEquals(5, series.increase(1, EARLIER, 35, WATCH_START + 20 * S));
  }

  @Test
  void aNewStartTimeIsARestartEvenWhenTheValueGrew() {
    series.increase(1, EARLIER, 500, WATCH_START);
    assertEquals(900, series.increase(1, WATCH_START + 5 * S, 900, WATCH_START + 10 * S));
  }

  @Test
  void seriesAreKeptApart() {
    series.increase(1, EARLIER, 100, WATCH_START);
    series.increase(2, EARLIER, 1000, WATCH_START);
    assertEquals(1, series.increase(1, EARLIER, 101, WATCH_START + S));
    assertEquals(10, series.increase(2, EARLIER, 1010, WATCH_START + S));
  }

  @Test
  void aNewSeriesBeyondTheLimitIsNotTrackedUntilAnOldOneExpires() {
    series.increase(1, EARLIER, 1, WATCH_START);
    series.increase(2, EARLIER, 1, WATCH_START + 10 * 60 * S);
    assertTrue(Double.isNaN(series.increase(3, EARLIER, 1, WATCH_START + 10 * 60 * S)));
    assertEquals(1, series.expire(WATCH_START + 16 * 60 * S));
    assertEquals(0, series.increase(3, EARLIER, 1, WATCH_START + 16 * 60 * S));
    assertEquals(4, series.increase(2, EARLIER, 5, WATCH_START + 16 * 60 * S));
  }

  @Test
  void aForgottenSeriesThatReturnsWithItsOldStartIsABaselineNotACountAgain() {
    long start = WATCH_START + S;
    assertEquals(10, series.increase(1, start, 10, WATCH_START + 10 * S));
    series.expire(WATCH_START + 30 * 60 * S);
    assertEquals(0, series.increase(1, start, 12, WATCH_START + 30 * 60 * S));
  }
}
