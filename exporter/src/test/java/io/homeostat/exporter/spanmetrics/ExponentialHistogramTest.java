package io.homeostat.exporter.spanmetrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExponentialHistogramTest {

  @Test
  void aPowerOfTwoClosesTheBucketBelowIt() {
    assertEquals(-1, Base2.index(1.0, 0));
    assertEquals(0, Base2.index(1.5, 0));
    assertEquals(0, Base2.index(2.0, 0));
    assertEquals(1, Base2.index(2.5, 0));
    assertEquals(79, Base2.index(1024.0, 3));
    assertEquals(-9, Base2.index(0.5, 3));
    assertEquals(0, Base2.index(3.0, -2), "scale -2: bucket 0 is (1, 16]");
    assertEquals(0, Base2.index(16.0, -2));
    assertEquals(1, Base2.index(17.0, -2));
  }

  @Test
  void atAPositiveScaleEachValueLiesInsideItsBucket() {
    Random random = new Random(42);
    for (int scale = 1; scale <= ExponentialHistogram.MAX_SCALE; scale++) {
      for (int n = 0; n < 200; n++) {
        double value = Math.exp(random.nextGaussian() * 5);
        int index = Base2.index(value, scale);
        double lower = Math.pow(2, Math.scalb((double) index, -scale));
        double upper = Math.pow(2, Math.scalb((double) index + 1, -scale));
        // Math.log is exact enough except within rounding of a bound.
        assertTrue(value > lower * (1 - 1e-12) && value <= upper * (1 + 1e-12),
            value + " at scale " + scale + " is not in bucket " + index);
      }
    }
  }

  @Test
  void subnormalValuesShareTheLowestNormalBucket() {
    assertEquals(Base2.index(Double.MIN_NORMAL, 0), Base2.index(Double.MIN_VALUE, 0));
    assertEquals(Base2.index(Double.MIN_NORMAL, 5), Base2.index(Double.MIN_NORMAL / 3, 5));
  }

  @Test
  void theScaleDropsOnlyAsFarAsTheRangeNeedsAndNoCountIsLost() {
    ExponentialHistogram histogram = new ExponentialHistogram(4);
    double[] values = {1.5, 1.5, 3, 6, 100, 0.1};
    for (double value : values) {
      histogram.record(value);
    }
    ExponentialPoint point = (ExponentialPoint) histogram.read(values.length);
    // At scale −1, bucket i is (4^i, 4^(i+1)]: 0.1 is in −2 and 100 in 3, six buckets, too
    // many; at scale −2 (16^i) 0.1 is in −1, 1.5, 1.5, 3 and 6 in 0, and 100 in 1.
    assertEquals(-2, point.scale());
    assertEquals(-1, point.offset());
    assertArrayEquals(new long[] {1, 4, 1}, point.counts());
    assertEquals(values.length, Arrays.stream(point.counts()).sum());
    assertEquals(0.1, point.min());
    assertEquals(100.0, point.max());
  }

  @Test
  void aRangeThatGrowsDownwardsWrapsAroundTheRing() {
    ExponentialHistogram histogram = new ExponentialHistogram(8);
    histogram.record(1.5);
    int first = Base2.index(1.5, ExponentialHistogram.MAX_SCALE);
    histogram.record(Math.pow(2, Math.scalb(first - 3.5, -ExponentialHistogram.MAX_SCALE)));
    ExponentialPoint point = (ExponentialPoint) histogram.read(2);
    assertEquals(ExponentialHistogram.MAX_SCALE, point.scale());
    assertEquals(first - 4, point.offset());
    assertArrayEquals(new long[] {1, 0, 0, 0, 1}, point.counts());
  }

  @Test
  void anEarlierPointAtAFinerScaleIsMergedBeforeItIsSubtracted() {
    ExponentialHistogram histogram = new ExponentialHistogram(4);
    histogram.record(1.5);
    histogram.record(1.7);
    ExponentialPoint earlier = (ExponentialPoint) histogram.read(2);
    histogram.record(100);
    histogram.record(0);
    ExponentialPoint later = (ExponentialPoint) histogram.read(4);

    ExponentialPoint delta = (ExponentialPoint) later.minus(earlier);
    assertEquals(later.scale(), delta.scale());
    assertEquals(2, delta.count());
    assertEquals(1, delta.zeroCount());
    assertEquals(1, Arrays.stream(delta.counts()).sum());
    assertEquals(1, delta.countAt(Base2.index(100, later.scale())));
    assertEquals(100.0, delta.sum(), 1e-9);
    assertTrue(Double.isNaN(delta.min()));
  }
}
