package io.homeostat.homeostasis.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DistinctCountTest {

  @Test
  void countsExactlyUpToTheExactLimit() {
    DistinctCount count = new DistinctCount();
    for (int i = 0; i < DistinctCount.EXACT; i++) {
      count.add(Hashes.of("user-" + i));
      count.add(Hashes.of("user-" + i));
    }
    assertEquals(DistinctCount.EXACT, count.estimate());
    assertNull(count.save().registers());
  }

  @Test
  void estimatesLargeCountsWithinAFewPercent() {
    DistinctCount count = new DistinctCount();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 100_000; i++) {
        count.add(Hashes.of("trace-" + i));
      }
    }
    long estimate = count.estimate();
    assertTrue(Math.abs(estimate - 100_000) < 100_000 * 0.08, "estimate " + estimate);
  }

  @Test
  void justPastTheExactLimitTheSketchStillCountsClose() {
    DistinctCount count = new DistinctCount();
    for (int i = 0; i < 40; i++) {
      count.add(Hashes.of("user-" + i));
    }
    assertTrue(Math.abs(count.estimate() - 40) <= 2, "estimate " + count.estimate());
  }

  @Test
  void comesBackFromItsSavedForm() {
    DistinctCount small = new DistinctCount();
    small.add(1);
    small.add(2);
    assertEquals(2, DistinctCount.restore(small.save()).estimate());

    DistinctCount large = new DistinctCount();
    for (int i = 0; i < 5_000; i++) {
      large.add(Hashes.of("t" + i));
    }
    DistinctCount.Saved saved = large.save();
    assertNotNull(saved.registers());
    DistinctCount restored = DistinctCount.restore(saved);
    assertEquals(large.estimate(), restored.estimate());
    restored.add(Hashes.of("t1"));
    assertEquals(large.estimate(), restored.estimate());
    assertEquals(0, DistinctCount.restore(null).estimate());
  }
}
