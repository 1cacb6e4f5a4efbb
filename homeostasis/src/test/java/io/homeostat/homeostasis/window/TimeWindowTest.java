package io.homeostat.homeostasis.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  static final long S = 1_000_000_000L;
  /** A round start, so that buckets of 3 s begin at multiples of 3 s. */
  static final long T0 = 1_800_000_000L * S;

  @Test
  void aReadCoversTheWindowToOneBucketAndDataSlidesOut() {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(30), false);
    window.count(window.slot(T0, T0), 1, 1);
    window.count(window.slot(T0 + 30 * S, T0 + 30 * S), 0, 1);
    assertEquals(new Totals(1, 2, 0, 0), window.totals(T0 + 30 * S));
    assertEquals(new Totals(1, 2, 0, 0), window.totals(T0 + 62 * S));
    assertEquals(new Totals(0, 1, 0, 0), window.totals(T0 + 63 * S));
    assertEquals(new Totals(0, 0, 0, 0), window.totals(T0 + 93 * S));
  }

  @Test
  void recordsBeyondTheLatenessAreLateOrEarly() {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(30), false);
    long now = T0 + 1000 * S;
    assertEquals(TimeWindow.LATE, window.slot(now - 91 * S, now));
    assertTrue(window.slot(now - 89 * S, now) >= 0);
    assertTrue(window.slot(now + 29 * S, now) >= 0);
    assertEquals(TimeWindow.EARLY, window.slot(now + 31 * S, now));
  }

  @Test
  void aRecordAheadOfTheClockCountsOnceItsTimeComes() {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(30), false);
    window.value(window.slot(T0 + 20 * S, T0), 7, 1);
    assertEquals(0, window.totals(T0).count());
    assertEquals(1, window.totals(T0 + 20 * S).count());
  }

  @Test
  void aSlotTakenByANewerBucketForgetsTheOldOne() {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(0), true);
    for (long t = 0; t < 600; t++) {
      long now = T0 + t * S;
      window.value(window.slot(now, now), t, 1);
    }
    long now = T0 + 599 * S;
    Totals totals = window.totals(now);
    // 60 s of window plus the partly covered oldest bucket: 63 values, 537..599.
    assertEquals(63, totals.count());
    assertEquals((537 + 599) * 63 / 2.0, totals.sum());
    assertEquals(537, window.quantile(0, now), 537 * 0.01);
  }

  @Test
  void lateTimestampsThatClaimNoNewerSlotAreRefusedWhenTheClockWentBack() {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(30), false);
    long later = T0 + 1000 * S;
    window.count(window.slot(later, later), 1, 1);
    // 42 slots of 3 s: a bucket 126 s earlier maps to the slot the newer bucket holds.
    long earlier = later - 42 * 3 * S;
    assertEquals(TimeWindow.LATE, window.slot(earlier, earlier));
  }

  @Test
  void quantilesLieWithinOnePercentOfTheExactValueAtTheirRank() {
    Random random = new Random(42);
    TimeWindow window = new TimeWindow(Duration.ofMinutes(5), 20, Duration.ofSeconds(30), true);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 1.5 + 4);
      long t = T0 + (long) (random.nextDouble() * 290 * S);
      window.value(window.slot(t, T0 + 290 * S), values[i], 1);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999}) {
      double exact = values[(int) Math.floor(q * (values.length - 1))];
      double next = values[(int) Math.ceil(q * (values.length - 1))];
      double read = window.quantile(q, T0 + 290 * S);
      assertTrue(read >= exact * 0.99 && read <= next * 1.01, "q=" + q + " exact " + exact + " read " + read);
    }
  }

  @Test
  void aSavedWindowRestoresWithTheSameTotalsAndQuantiles() throws IOException {
    Random random = new Random(7);
    TimeWindow window = new TimeWindow(Duration.ofMinutes(5), 20, Duration.ofSeconds(30), true);
    long now = T0 + 290 * S;
    for (int i = 0; i < 5_000; i++) {
      double value = Math.exp(random.nextGaussian() + 5);
      int slot = window.slot(T0 + (long) (random.nextDouble() * 290 * S), now);
      window.count(slot, value < 200 ? 1 : 0, 1);
      window.value(slot, value, 1);
    }
    TimeWindow restored = new TimeWindow(Duration.ofMinutes(5), 20, Duration.ofSeconds(30), true);
    assertTrue(restored.restore(roundTrip(window), now));
    assertEquals(window.totals(now), restored.totals(now));
    for (double q : new double[] {0, 0.5, 0.95, 0.99, 1}) {
      assertEquals(window.quantile(q, now), restored.quantile(q, now), "q=" + q);
    }
    // Both slide on alike: the oldest buckets leave the restored one too.
    long later = now + 200 * S;
    assertEquals(window.totals(later), restored.totals(later));
    assertEquals(window.quantile(0.5, later), restored.quantile(0.5, later));
  }

  @Test
  void bucketsThatPassedWhileStoppedAreNotRestored() throws IOException {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(0), false);
    window.count(window.slot(T0, T0), 1, 1);
    window.count(window.slot(T0 + 50 * S, T0 + 50 * S), 0, 1);
    TimeWindow restored = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(0), false);
    assertTrue(restored.restore(roundTrip(window), T0 + 100 * S));
    assertEquals(new Totals(0, 1, 0, 0), restored.totals(T0 + 100 * S));
  }

  @Test
  void aWindowOfAnotherGeometryIsNotRestored() throws IOException {
    TimeWindow window = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(30), false);
    window.count(window.slot(T0, T0), 1, 1);
    TimeWindow.Saved saved = roundTrip(window);
    TimeWindow longer = new TimeWindow(Duration.ofSeconds(120), 20, Duration.ofSeconds(30), false);
    TimeWindow distribution = new TimeWindow(Duration.ofSeconds(60), 20, Duration.ofSeconds(30), true);
    assertFalse(longer.restore(saved, T0));
    assertFalse(distribution.restore(saved, T0));
    assertEquals(new Totals(0, 0, 0, 0), longer.totals(T0));
  }

  private static TimeWindow.Saved roundTrip(TimeWindow window) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    window.writeTo(new DataOutputStream(bytes));
    return TimeWindow.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Test
  void memoryIsFixedByTheBucketsWhateverTheLatenessAsked() {
    BucketRing ring = new BucketRing(Duration.ofSeconds(5), 20, Duration.ofMinutes(10), slot -> { });
    assertEquals(20 + 2 * 20 + 2, ring.slots());
  }
}
