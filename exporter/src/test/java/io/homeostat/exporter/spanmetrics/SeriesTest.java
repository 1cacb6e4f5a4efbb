package io.homeostat.exporter.spanmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A series read while the pipeline thread records into it. */
class SeriesTest {

  private static final int RECORDS = 2_000_000;

  @Test
  void everyReadIsOneMomentOfTheSeriesEvenWhileItIsWritten() throws Exception {
    for (DurationHistogram histogram : List.of(new ExplicitHistogram(new double[] {1, 10, 100}),
        new ExponentialHistogram(8))) {
      Series series = new Series(new SeriesKey(0), null, List.of(), 0, histogram);
      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
        int reads = 0;
        long previous = 0;
        while (writing.get()) {
          SeriesPoint point = series.read();
          HistogramPoint durations = point.durations();
          long[] counts = durations instanceof ExplicitPoint e ? e.counts()
              : ((ExponentialPoint) durations).counts();
          assertEquals(point.calls(), Arrays.stream(counts).sum() + zeroCount(durations));
          assertEquals(point.calls(), durations.count());
          assertTrue(point.calls() >= previous, "calls never go back");
          previous = point.calls();
          reads++;
        }
        return reads;
      });
      // Values spread over a wide range, so that the exponential histogram downscales while
      // being read.
      for (int i = 0; i < RECORDS; i++) {
        series.record((i % 1000) * Math.pow(10, i % 7 - 3), i);
      }
      writing.set(false);
      assertTrue(reader.get(30, TimeUnit.SECONDS) > 0);
      assertEquals(RECORDS, series.read().calls());
      assertEquals(RECORDS - 1, series.read().lastSeenMillis());
    }
  }

  private static long zeroCount(HistogramPoint point) {
    return point instanceof ExponentialPoint e ? e.zeroCount() : 0;
  }
}
