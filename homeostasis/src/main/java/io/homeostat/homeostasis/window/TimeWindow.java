package io.homeostat.homeostasis.window;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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
 * <p>Single-threaded: the pipeline thread writes and evaluates. {@link #writeTo} and
 * {@link #readFrom} / {@link #restore} carry the buckets across a restart; they are not on the
 * path records take.
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
  /** Beyond any ring's slots: a saved window claiming more is corrupt. */
  private static final int MAX_SAVED_SLOTS = 1 << 16;
  /** Beyond any sketch's encoding (a few bytes per bin): a saved sketch claiming more is corrupt. */
  private static final int MAX_SAVED_SKETCH = 1 << 20;

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

  /**
   * Writes the window's geometry and the buckets it holds, for {@link #readFrom} after a restart.
   * Sketches go in DDSketch's own encoding ({@code encode}, read back by
   * {@code decodeAndMergeWith}): {@code serialize()} writes the protobuf form instead, which
   * {@code decodeAndMergeWith} refuses, and is larger (a dense store's every bin).
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(ring.width());
    out.writeInt(ring.slots());
    out.writeBoolean(sketches != null);
    int held = 0;
    for (int slot = 0; slot < good.length; slot++) {
      if (ring.bucket(slot) != Long.MIN_VALUE) {
        held++;
      }
    }
    out.writeInt(held);
    for (int slot = 0; slot < good.length; slot++) {
      long bucket = ring.bucket(slot);
      if (bucket == Long.MIN_VALUE) {
        continue;
      }
      out.writeLong(bucket);
      out.writeDouble(good[slot]);
      out.writeDouble(total[slot]);
      out.writeDouble(sum[slot]);
      out.writeDouble(count[slot]);
      DDSketch sketch = sketches == null ? null : sketches[slot];
      if (sketch == null || sketch.isEmpty()) {
        out.writeInt(-1);
      } else {
        GrowingByteArrayOutput bytes = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encode(bytes, false);
        out.writeInt(bytes.numWrittenBytes());
        out.write(bytes.backingArray(), 0, bytes.numWrittenBytes());
      }
    }
  }

  /** Reads what {@link #writeTo} wrote. */
  public static Saved readFrom(DataInput in) throws IOException {
    long width = in.readLong();
    int slots = in.readInt();
    boolean distribution = in.readBoolean();
    int held = in.readInt();
    if (slots < 0 || slots > MAX_SAVED_SLOTS || held < 0 || held > slots) {
      throw new IOException("a window holds " + held + " buckets of " + slots + " slots");
    }
    long[] buckets = new long[held];
    double[] values = new double[4 * held];
    DDSketch[] sketches = new DDSketch[held];
    for (int i = 0; i < held; i++) {
      buckets[i] = in.readLong();
      for (int v = 0; v < 4; v++) {
        values[4 * i + v] = in.readDouble();
      }
      int length = in.readInt();
      if (length > MAX_SAVED_SKETCH) {
        throw new IOException("a sketch of " + length + " bytes");
      }
      if (length >= 0) {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        sketches[i] = newSketch();
        sketches[i].decodeAndMergeWith(ByteArrayInput.wrap(bytes));
      }
    }
    return new Saved(width, slots, distribution, buckets, values, sketches);
  }

  /**
   * Takes up the buckets of {@code saved} that may still be read at {@code now} (the others are
   * left out, as a bucket that passed would be); false, taking nothing, when {@code saved} is of
   * another geometry (bucket width, slots, or whether it keeps a distribution). For a window that
   * has taken no record yet.
   */
  public boolean restore(Saved saved, long now) {
    if (!fits(saved)) {
      return false;
    }
    for (int i = 0; i < saved.buckets.length; i++) {
      int slot = ring.slot(saved.buckets[i] * saved.width, now);
      if (slot < 0) {
        continue;
      }
      good[slot] = saved.values[4 * i];
      total[slot] = saved.values[4 * i + 1];
      sum[slot] = saved.values[4 * i + 2];
      count[slot] = saved.values[4 * i + 3];
      if (sketches != null) {
        sketches[slot] = saved.sketches[i];
      }
    }
    return true;
  }

  /** True when {@code saved} is of this window's geometry, so that it can be restored. */
  public boolean fits(Saved saved) {
    return saved.width == ring.width() && saved.slots == ring.slots()
        && saved.distribution == (sketches != null);
  }

  /** A window as {@link #writeTo} wrote it, to {@link #restore} into a window of its geometry. */
  public static final class Saved {
    private final long width;
    private final int slots;
    private final boolean distribution;
    private final long[] buckets;
    /** good, total, sum and count of each bucket in turn. */
    private final double[] values;
    /** Decoded into sketches made as the window makes them; null where a bucket has none. */
    private final DDSketch[] sketches;

    private Saved(long width, int slots, boolean distribution, long[] buckets, double[] values,
        DDSketch[] sketches) {
      this.width = width;
      this.slots = slots;
      this.distribution = distribution;
      this.buckets = buckets;
      this.values = values;
      this.sketches = sketches;
    }
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
