package io.homeostat.homeostasis.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.testing.Otlp;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramDeltasTest {

  static final long S = 1_000_000_000L;
  static final long WATCH_START = 1_800_000_000L * S;
  static final long EARLIER = WATCH_START - 3600 * S;

  final HistogramDeltas deltas = new HistogramDeltas(10, Duration.ofMinutes(15), WATCH_START);
  final BucketList buckets = new BucketList();

  static HistogramDataPoint explicit(long start, double[] bounds, long... counts) {
    return Otlp.histogramPoint(0, start, bounds, counts);
  }

  @Test
  void theGoodCountInterpolatesWithinTheBucketHoldingTheTarget() {
    double[] bounds = {100, 200, 400};
    deltas.explicit(0, explicit(0, bounds, 10, 20, 40, 5), false, WATCH_START, buckets);
    assertEquals(75, buckets.total());
    // Buckets up to 200 are good; 300 is halfway through (200, 400]: half of its 40.
    assertEquals(50, buckets.good(Operator.LT, 300), 1e-12);
    assertEquals(25, buckets.good(Operator.GTE, 300), 1e-12);
    // The first bucket starts at 0: 50 is half of it.
    assertEquals(5, buckets.good(Operator.LTE, 50), 1e-12);
    // The overflow bucket sits at the highest bound without a max.
    assertEquals(75, buckets.good(Operator.LT, 401), 1e-12);
  }

  @Test
  void minAndMaxBoundTheOuterBuckets() {
    HistogramDataPoint point = explicit(0, new double[] {100}, 10, 10).toBuilder().setMin(50).setMax(300).build();
    deltas.explicit(0, point, false, WATCH_START, buckets);
    assertEquals(5, buckets.good(Operator.LT, 75), 1e-12);
    assertEquals(15, buckets.good(Operator.LT, 200), 1e-12);
  }

  @Test
  void cumulativePointsAddTheirDifferenceAndAResetAddsTheWholePoint() {
    double[] bounds = {100};
    assertEquals(HistogramDeltas.Delta.BASELINE,
        deltas.explicit(1, explicit(EARLIER, bounds, 5, 5), true, WATCH_START, buckets));
    assertEquals(HistogramDeltas.Delta.ADDED,
        deltas.explicit(1, explicit(EARLIER, bounds, 8, 6), true, WATCH_START + S, buckets));
    assertEquals(4, buckets.total());
    // Three more below 100, one more in the overflow bucket, which sits at 100 without a max.
    assertEquals(3, buckets.good(Operator.LT, 100), 1e-12);
    deltas.explicit(1, explicit(EARLIER, bounds, 2, 9), true, WATCH_START + 2 * S, buckets);
    assertEquals(11, buckets.total());
    deltas.explicit(1, explicit(WATCH_START + 2 * S, bounds, 4, 9), true, WATCH_START + 3 * S, buckets);
    assertEquals(13, buckets.total());
  }

  @Test
  void changedBucketBoundsStartTheSeriesAgainFromABaseline() {
    deltas.explicit(1, explicit(EARLIER, new double[] {100}, 5, 5), true, WATCH_START, buckets);
    assertEquals(HistogramDeltas.Delta.BASELINE,
        deltas.explicit(1, explicit(EARLIER, new double[] {100, 200}, 6, 5, 1), true, WATCH_START + S, buckets));
  }

  @Test
  void aSeriesBeyondTheLimitIsUntracked() {
    HistogramDeltas one = new HistogramDeltas(1, Duration.ofMinutes(15), WATCH_START);
    one.explicit(1, explicit(EARLIER, new double[] {100}, 5, 5), true, WATCH_START, buckets);
    assertEquals(HistogramDeltas.Delta.UNTRACKED,
        one.explicit(2, explicit(EARLIER, new double[] {100}, 5, 5), true, WATCH_START, buckets));
  }

  static ExponentialHistogramDataPoint exponential(long start, int scale, long zero, int offset, long... counts) {
    ExponentialHistogramDataPoint.Buckets.Builder positive = ExponentialHistogramDataPoint.Buckets.newBuilder()
        .setOffset(offset);
    long total = zero;
    for (long count : counts) {
      positive.addBucketCounts(count);
      total += count;
    }
    return ExponentialHistogramDataPoint.newBuilder().setStartTimeUnixNano(start).setScale(scale)
        .setZeroCount(zero).setPositive(positive).setCount(total).build();
  }

  @Test
  void exponentialBucketsAreRangesOfPowersOfTheBase() {
    // Scale 0: base 2, bucket i is (2^i, 2^(i+1)]. Offset 3: (8, 16], (16, 32], (32, 64].
    deltas.exponential(0, exponential(0, 0, 2, 3, 4, 8, 4), false, WATCH_START, buckets);
    assertEquals(18, buckets.total());
    // Zero bucket and (8, 16] are good; 24 is half of (16, 32].
    assertEquals(2 + 4 + 4, buckets.good(Operator.LT, 24), 1e-9);
  }

  @Test
  void aCumulativeExponentialHistogramThatDownscaledIsComparedAtTheNewScale() {
    // Scale 1 buckets 8..11 are (2^4, 2^4.5], ..., (2^5.5, 2^6]; at scale 0 they merge into 4 and 5.
    deltas.exponential(1, exponential(EARLIER, 1, 0, 8, 1, 1, 1, 1), true, WATCH_START, buckets);
    assertEquals(HistogramDeltas.Delta.ADDED,
        deltas.exponential(1, exponential(EARLIER, 0, 0, 4, 3, 2), true, WATCH_START + S, buckets));
    assertEquals(1, buckets.total());
    assertEquals(1, buckets.good(Operator.LT, 32), 1e-9);
    // A bucket that went down is a reset: the whole point counts.
    deltas.exponential(1, exponential(EARLIER, 0, 0, 4, 1, 2), true, WATCH_START + 2 * S, buckets);
    assertEquals(3, buckets.total());
  }

  /** Prometheus's histogram_quantile over explicit buckets, the first starting at 0. */
  static double histogramQuantile(double q, double[] bounds, long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double rank = q * total;
    double cumulative = 0;
    for (int i = 0; i < bounds.length; i++) {
      if (cumulative + counts[i] >= rank) {
        double lower = i == 0 ? 0 : bounds[i - 1];
        return lower + (bounds[i] - lower) * (rank - cumulative) / counts[i];
      }
      cumulative += counts[i];
    }
    return bounds[bounds.length - 1];
  }

  @Test
  void quantilesFromBucketsMatchHistogramQuantileWithinTheSpreadAndTheSketch() {
    Random random = new Random(7);
    double[] bounds = {5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};
    for (int run = 0; run < 50; run++) {
      long[] counts = new long[bounds.length + 1];
      for (int i = 0; i < bounds.length; i++) {
        counts[i] = random.nextInt(200);
      }
      TimeWindow window = new TimeWindow(Duration.ofMinutes(5), 20, Duration.ZERO, true);
      deltas.explicit(0, explicit(0, bounds, counts), false, WATCH_START, buckets);
      int slot = window.slot(WATCH_START, WATCH_START);
      buckets.spread(window, slot);
      for (double q : new double[] {0.5, 0.9, 0.95, 0.99}) {
        double exact = histogramQuantile(q, bounds, counts);
        int bucket = 0;
        while (bucket < bounds.length - 1 && bounds[bucket] < exact) {
          bucket++;
        }
        double width = bounds[bucket] - (bucket == 0 ? 0 : bounds[bucket - 1]);
        double read = window.quantile(q, WATCH_START);
        double allowed = width / (2 * BucketList.SPREAD_POINTS) + exact * TimeWindow.RELATIVE_ACCURACY;
        assertTrue(Math.abs(read - exact) <= allowed,
            "run " + run + " q " + q + ": histogram_quantile " + exact + ", read " + read + ", allowed " + allowed);
      }
    }
  }
}
