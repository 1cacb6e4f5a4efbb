package io.homeostat.homeostasis.window;

import io.homeostat.homeostasis.model.Operator;
import java.util.Arrays;

/**
 * What one histogram point adds to a window: buckets as value ranges {@code (lower, upper]} with
 * their counts. Reused from point to point; it grows only for a histogram with more buckets than
 * any before.
 *
 * <p>Inside a bucket the values are taken to be spread evenly, as Prometheus's
 * {@code histogram_quantile} takes them: the good count interpolates linearly within the bucket
 * holding the target, and {@link #spread} places a bucket's count on {@value #SPREAD_POINTS} evenly
 * spaced values across it, so that quantiles read from the sketch interpolate the same way (to
 * within {@code (upper - lower) / (2 * SPREAD_POINTS)}, plus the sketch's relative error).
 */
public final class BucketList {

  /** Values a bucket's count is spread over. */
  static final int SPREAD_POINTS = 8;

  private double[] lower = new double[16];
  private double[] upper = new double[16];
  private double[] count = new double[16];
  private int size;
  private double total;

  public void clear() {
    size = 0;
    total = 0;
  }

  /** Adds a bucket; empty ones are skipped. {@code lower == upper} is a bucket of one value. */
  public void add(double lower, double upper, double count) {
    if (count <= 0) {
      return;
    }
    if (size == this.lower.length) {
      this.lower = Arrays.copyOf(this.lower, size * 2);
      this.upper = Arrays.copyOf(this.upper, size * 2);
      this.count = Arrays.copyOf(this.count, size * 2);
    }
    this.lower[size] = lower;
    this.upper[size] = upper;
    this.count[size] = count;
    size++;
    total += count;
  }

  /** Observations in all buckets. */
  public double total() {
    return total;
  }

  /** How many of the observations satisfy {@code value <op> target}, interpolating within buckets. */
  public double good(Operator operator, double target) {
    double good = 0;
    for (int i = 0; i < size; i++) {
      good += count[i] * goodFraction(lower[i], upper[i], operator, target);
    }
    return good;
  }

  /** Adds every bucket's values to {@code slot} of {@code window}, spread across each bucket. */
  public void spread(TimeWindow window, int slot) {
    for (int i = 0; i < size; i++) {
      double lo = lower[i];
      double hi = upper[i];
      double c = count[i];
      if (hi <= lo) {
        window.value(slot, hi, c);
        continue;
      }
      int points = (int) Math.min(SPREAD_POINTS, Math.ceil(c));
      double step = (hi - lo) / points;
      for (int p = 0; p < points; p++) {
        window.value(slot, lo + (p + 0.5) * step, c / points);
      }
    }
  }

  static double goodFraction(double lower, double upper, Operator operator, double target) {
    if (upper <= lower) {
      return operator.holds(upper, target) ? 1 : 0;
    }
    double below = Math.min(1, Math.max(0, (target - lower) / (upper - lower)));
    return switch (operator) {
      case LT, LTE -> below;
      case GT, GTE -> 1 - below;
      case EQ -> 0;
    };
  }
}
