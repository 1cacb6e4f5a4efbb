package io.homeostat.processor.sampling;

import static io.homeostat.processor.testing.Otlp.traceId;
import static io.homeostat.processor.testing.Otlp.traceIdWithRandomness;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConsistentRatioTest {

  @Test
  void thresholdsAreTheSpecificationsFullPrecisionValues() {
    assertEquals(0L, new ConsistentRatio(1).threshold());
    assertEquals(0x80000000000000L, new ConsistentRatio(0.5).threshold());
    assertEquals(0xc0000000000000L, new ConsistentRatio(0.25).threshold());
    assertEquals(0xe6666666666666L, new ConsistentRatio(0.1).threshold());
    // The Collector's pkg/sampling gives fd70a3d70a3d71 for 1 %.
    assertEquals(0xfd70a3d70a3d71L, new ConsistentRatio(0.01).threshold());
    assertEquals(1L << 56, new ConsistentRatio(0).threshold());
  }

  @Test
  void aTraceIsKeptWhenItsLeastSignificant56BitsReachTheThreshold() {
    ConsistentRatio half = new ConsistentRatio(0.5);
    assertFalse(half.keeps(traceIdWithRandomness(0x7fffffffffffffL)));
    assertTrue(half.keeps(traceIdWithRandomness(0x80000000000000L)));
    // Byte 8 and the high half are not part of the randomness.
    assertFalse(half.keeps(traceId(-1L, 0xff7fffffffffffffL)));
    assertTrue(half.keeps(traceId(0, 0x0080000000000000L)));
  }

  @Test
  void ratioZeroKeepsNothingAndRatioOneEverything() {
    ByteString highest = traceIdWithRandomness((1L << 56) - 1);
    ByteString lowest = traceIdWithRandomness(0);
    assertFalse(new ConsistentRatio(0).keeps(highest));
    assertTrue(new ConsistentRatio(1).keeps(lowest));
    assertTrue(new ConsistentRatio(1).keepsAll());
  }

  @Test
  void aTraceKeptAtOneRatioIsKeptAtEveryHigherRatio() {
    Random random = new Random(7);
    ConsistentRatio low = new ConsistentRatio(0.1);
    ConsistentRatio high = new ConsistentRatio(0.3);
    for (int i = 0; i < 10_000; i++) {
      ByteString id = traceId(random.nextLong(), random.nextLong());
      assertTrue(!low.keeps(id) || high.keeps(id), "kept at 0.1, not at 0.3: " + id);
    }
  }

  @Test
  void aRatioOutsideZeroToOneIsRefused() {
    assertEquals("ratio must be between 0 and 1, was 1.5",
        assertThrows(IllegalArgumentException.class, () -> new ConsistentRatio(1.5)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ConsistentRatio(Double.NaN));
  }
}
