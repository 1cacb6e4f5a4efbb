package io.homeostat.exporter.spanmetrics;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The calls and durations of one series (one requirement, span name, kind, status and extra
 * dimensions of one resource).
 *
 * <p>Only the pipeline thread records into a series; the flush thread reads it. A histogram's
 * count must equal the sum of its buckets (the Prometheus exporters drop a point where it does
 * not), so a reader needs every field of one moment, not a mix. A sequence lock gives that at
 * the price of two ordered stores per record and no atomic instruction: the writer makes the
 * version odd, writes, and makes it even again; a reader copies the fields and keeps the copy only
 * if the version was even and unchanged across the copy (as {@code StampedLock}'s optimistic read,
 * without its compare-and-set, which a single writer does not need).
 */
final class Series {

  private static final VarHandle VERSION;
  private static final VarHandle EXEMPLAR;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      VERSION = lookup.findVarHandle(Series.class, "version", long.class);
      EXEMPLAR = lookup.findVarHandle(Series.class, "exemplar", SpanExemplar.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final SeriesKey key;
  final Group group;
  /** The point attributes, made once when the series is. */
  final List<KeyValue> attributes;
  /** When the series began, in Unix nanoseconds: the start of its cumulative points. */
  final long startNanos;

  @SuppressWarnings("unused") // accessed through VERSION
  private long version;
  private long calls;
  private long lastSeenMillis;
  private final DurationHistogram histogram;
  @SuppressWarnings("unused") // accessed through EXEMPLAR
  private SpanExemplar exemplar;

  /** The flush thread's own: what the metrics pipeline last took, for delta points. */
  SeriesPoint acked;
  /** The flush thread's own: when {@link #acked} was read, in Unix nanoseconds. */
  long ackedNanos;
  /** Set by the flush thread when it hands the series over for removal; cleared if kept. */
  volatile boolean retiring;

  Series(SeriesKey key, Group group, List<KeyValue> attributes, long startNanos,
      DurationHistogram histogram) {
    this.key = key;
    this.group = group;
    this.attributes = attributes;
    this.startNanos = startNanos;
    this.histogram = histogram;
  }

  /** Counts one span of {@code duration}; pipeline thread only. */
  void record(double duration, long nowMillis) {
    long v = (long) VERSION.get(this);
    VERSION.setOpaque(this, v + 1);
    VarHandle.storeStoreFence();
    calls++;
    if (histogram != null) {
      histogram.record(duration);
    }
    lastSeenMillis = nowMillis;
    VERSION.setRelease(this, v + 2);
  }

  /** When a span last counted here, as the pipeline thread sees it; pipeline thread only. */
  long lastSeenMillis() {
    return lastSeenMillis;
  }

  /**
   * Keeps the span as this series' exemplar if it is the slowest since the last
   * {@link #takeExemplar}; pipeline thread only.
   */
  void offerExemplar(ByteString traceId, ByteString spanId, double duration, long timeNanos) {
    SpanExemplar held = (SpanExemplar) EXEMPLAR.getAcquire(this);
    if (held == null || duration > held.duration()) {
      EXEMPLAR.setRelease(this, new SpanExemplar(traceId, spanId, duration, timeNanos));
    }
  }

  /** The exemplar kept since the last call, or null; the next one starts afresh. */
  SpanExemplar takeExemplar() {
    return (SpanExemplar) EXEMPLAR.getAndSet(this, (SpanExemplar) null);
  }

  /** A consistent copy of the series; any thread. */
  SeriesPoint read() {
    while (true) {
      long before = (long) VERSION.getAcquire(this);
      if ((before & 1) == 0) {
        long count = calls;
        long seen = lastSeenMillis;
        HistogramPoint durations = histogram == null ? null : histogram.read(count);
        VarHandle.loadLoadFence();
        if ((long) VERSION.getOpaque(this) == before) {
          return new SeriesPoint(count, durations, seen);
        }
      }
      Thread.onSpinWait();
    }
  }
}
