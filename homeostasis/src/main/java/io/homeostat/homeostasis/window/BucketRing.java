package io.homeostat.homeostasis.window;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Maps record timestamps onto a fixed ring of time buckets: the bucket of a timestamp is
 * {@code floor(t / width)}, and it lives in slot {@code bucket mod slots}. A slot whose bucket has
 * passed is cleared (through the owner's callback) when a newer bucket claims it, so the ring never
 * grows and needs no sweeping.
 *
 * <p>The ring holds every bucket a record may still land in: from the window's start minus the
 * lateness to now plus the lateness (clock skew), so two buckets in that range never share a slot.
 * A timestamp outside it is {@link #LATE} or {@link #EARLY}. All times are nanoseconds since the
 * epoch; the caller passes its clock's {@code now}.
 */
final class BucketRing {

  /** A record older than the window's start minus the lateness. */
  static final int LATE = -1;
  /** A record further ahead of now than the lateness. */
  static final int EARLY = -2;
  private static final long EMPTY = Long.MIN_VALUE;

  private final long width;
  private final long windowNanos;
  private final long latenessNanos;
  private final long[] buckets;
  private final IntConsumer clear;

  /**
   * @param window how far back reads look
   * @param count buckets across the window
   * @param lateness the margin on both sides; at most the window (more would only cost memory)
   * @param clear called with a slot before it is reused for a newer bucket
   */
  BucketRing(Duration window, int count, Duration lateness, IntConsumer clear) {
    this.windowNanos = window.toNanos();
    this.width = Math.max(1, ceilDiv(windowNanos, count));
    this.latenessNanos = Math.min(lateness.toNanos(), windowNanos);
    int lateSlots = (int) ceilDiv(latenessNanos, width);
    this.buckets = new long[count + 2 * lateSlots + 2];
    Arrays.fill(buckets, EMPTY);
    this.clear = clear;
  }

  /** The slot of a record at {@code t}, claimed and cleared if it held an older bucket; or LATE / EARLY. */
  int slot(long t, long now) {
    if (t < now - windowNanos - latenessNanos) {
      return LATE;
    }
    if (t > now + latenessNanos) {
      return EARLY;
    }
    long bucket = Math.floorDiv(t, width);
    int slot = (int) Math.floorMod(bucket, (long) buckets.length);
    long held = buckets[slot];
    if (held != bucket) {
      if (held != EMPTY && held > bucket) {
        // Only when the clock went back: the slot holds newer data than this record.
        return LATE;
      }
      buckets[slot] = bucket;
      clear.accept(slot);
    }
    return slot;
  }

  /** True when {@code slot} holds a bucket that overlaps {@code (now - span, now]}. */
  boolean within(int slot, long now, long span) {
    long bucket = buckets[slot];
    if (bucket == EMPTY) {
      return false;
    }
    long start = bucket * width;
    return start + width > now - span && start <= now;
  }

  int slots() {
    return buckets.length;
  }

  /** The bucket {@code slot} holds, or {@link Long#MIN_VALUE} when it holds none. */
  long bucket(int slot) {
    return buckets[slot];
  }

  long width() {
    return width;
  }

  long windowNanos() {
    return windowNanos;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
