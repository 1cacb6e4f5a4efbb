package io.homeostat.homeostasis.window;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import java.time.Duration;

/**
 * A sliding window of time buckets keyed by the records' own timestamps, holding per bucket: good
 * and total event counts, the sum and count of observed values and, for distributions, a DDSketch
 * of the values. Memory is fixed by the bucket count and the sketches' bin limit, whatever the
 * traffic.
 *
 * <p>Why DDSketch (com.datadoghq:sketches-java) rather than HdrHistogram: its error is relative
 * ({@value #RELATIVE_ACCURACY} of the value, at every quantile and any magnitude) without
 * configuring a value range up front, it takes weighted values (a histogram bucket's count in one
 * call), sketches with one mapping merge exactly (the window's buckets into one), and a collapsing
 * store bounds its bins while keeping the high quantiles that latency targets watch. HdrHistogram
 * wants integer values and a range (or grows without bound), and merges only same-range
 * histograms.
 *
 * <p>Good counts do not come from the sketch: the target is known at ingest, so each observation
 * is counted good or not exactly there; the sketch only answers quantiles.
 *
 * <p>Single-threaded: the pipeline thread writes and evaluates.
 */
public final class TimeWindow {

  /** {@link #slot} of a record older than the window's start minus the lateness. */
  public static final int LATE = BucketRing.LATE;
  /** {@link #slot} of a record further ahead of now than the lateness. */
  public static final int EARLY = BucketRing.EARLY;
  /** A quantile lies within this fraction of the true value at that rank. */
  public static final double RELATIVE_ACCURACY = 0.01;
  /**
   * Bins per sketch store: at 1 % accuracy, 1024 bins span values from x to about x * 7e8 before the
   * lowest are collapsed together.
   */
  static final int MAX_BINS = 1024;

  private final BucketRing ring;
  private final double[] good;
  private final double[] total;
  private final double[] sum;
  private final double[] count;
  /** Null for windows that keep no distribution; a slot's sketch is made when first needed. */
  private final DDSketch[] sketches;
  private final DDSketch merged;

  /**
   * @param window how far back reads look
   * @param buckets buckets across the window: a read covers the window to one bucket's width
   * @param lateness see {@link BucketRing}
   * @param distribution keep a sketch of observed values per bucket, for quantiles
   */
  public TimeWindow(Duration window, int buckets, Duration lateness, boolean distribution) {
    this.ring = new BucketRing(window, buckets, lateness, this::clear);
    int slots = ring.slots();
    good = new double[slots];
    total = new double[slots];
    sum = new double[slots];
    count = new double[slots];
    sketches = distribution ? new DDSketch[slots] : null;
    merged = distribution ? newSketch() : null;
  }

  /** The slot a record at {@code t} goes to, or {@link #LATE} / {@link #EARLY}. */
  public int slot(long t, long now) {
    return ring.slot(t, now);
  }

  /** Adds {@code good} good events of {@code total} events. */
  public void count(int slot, double good, double total) {
    this.good[slot] += good;
    this.total[slot] += total;
  }

  /** Adds an observed value with its weight (and to the sketch, for distributions). */
  public void value(int slot, double value, double weight) {
    sum[slot] += value * weight;
    count[slot] += weight;
    if (sketches != null) {
      DDSketch sketch = sketches[slot];
      if (sketch == null) {
        sketch = newSketch();
        sketches[slot] = sketch;
      }
      sketch.accept(value, weight);
    }
  }

  /** Everything in the buckets that overlap {@code (now - span, now]}. */
  public Totals totals(long now, Duration span) {
    long spanNanos = span.toNanos();
    double g = 0;
    double t = 0;
    double s = 0;
    double c = 0;
    for (int slot = 0; slot < good.length; slot++) {
      if (ring.within(slot, now, spanNanos)) {
        g += good[slot];
        t += total[slot];
        s += sum[slot];
        c += count[slot];
      }
    }
    return new Totals(g, t, s, c);
  }

  /** Everything in the window at {@code now}. */
  public Totals totals(long now) {
    return totals(now, Duration.ofNanos(ring.windowNanos()));
  }

  /** The value at quantile {@code q} of the window's observations, or NaN when it has none. */
  public double quantile(double q, long now) {
    merged.clear();
    for (int slot = 0; slot < sketches.length; slot++) {
      if (sketches[slot] != null && ring.within(slot, now, ring.windowNanos())) {
        merged.mergeWith(sketches[slot]);
      }
    }
    return merged.isEmpty() ? Double.NaN : merged.getValueAtQuantile(q);
  }

  /** The width of one bucket, in nanoseconds. */
  public long bucketNanos() {
    return ring.width();
  }

  private void clear(int slot) {
    good[slot] = 0;
    total[slot] = 0;
    sum[slot] = 0;
    count[slot] = 0;
    if (sketches != null && sketches[slot] != null) {
      sketches[slot].clear();
    }
  }

  private static DDSketch newSketch() {
    return DDSketches.collapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS);
  }
}
