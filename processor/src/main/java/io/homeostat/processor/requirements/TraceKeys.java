package io.homeostat.processor.requirements;

import io.homeostat.core.component.ComponentSettings;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one requirements processor (by id) knows about traces: the keys each recent span left
 * with, and the records waiting for a span not seen yet. Each pipeline has its own instance of the
 * processor, but a log record's span passes through the traces pipeline's instance, so the
 * instances of one id share this through {@link ComponentSettings#shared()}.
 *
 * <p>A span is recorded with its keys, or as having none, when it leaves the processor; a record
 * waiting for it (a child span, a log record) is registered under its id until then. Recording a
 * span hands its keys to everything waiting for it, and on down the waiting descendants.
 *
 * <p>Every pipeline runs on the ring's one pipeline thread, so this needs no lock.
 */
final class TraceKeys {

  /** Stands for a span that left without keys: there is nothing to inherit from it. */
  static final Object NONE = new Object();

  private final SpanCache cache;
  private final ArrayDeque<Held<?>> cascade = new ArrayDeque<>();
  private boolean spansArrive;

  private TraceKeys(int capacity, long ttlNanos) {
    this.cache = new SpanCache(capacity, ttlNanos);
  }

  /** The instance shared by the processors of {@code settings}' id. */
  static TraceKeys shared(ComponentSettings settings, int capacity, long ttlNanos) {
    return settings.shared().get("requirements/trace-keys/" + settings.id(), TraceKeys.class,
        () -> new TraceKeys(capacity, ttlNanos));
  }

  /** Marks that spans pass through this processor id, so log records may wait for theirs. */
  void spansArrive() {
    spansArrive = true;
  }

  /** True when a traces pipeline runs this processor id: otherwise no span will ever come. */
  boolean spansDoArrive() {
    return spansArrive;
  }

  /** The keys the span left with ({@link AnyValue}), {@link #NONE}, or null when not known. */
  Object keys(long traceHigh, long traceLow, long spanId, long now) {
    int slot = cache.find(traceHigh, traceLow, spanId, now);
    if (slot < 0) {
      return null;
    }
    Object value = cache.value(slot);
    return value instanceof Waiters ? null : value;
  }

  /**
   * Records the keys a span left with (null: none), and lets go what waited for it: its
   * descendants take the same keys.
   */
  void record(long traceHigh, long traceLow, long spanId, AnyValue keys, long now) {
    Object value = keys == null ? NONE : keys;
    Waiters waiting = put(traceHigh, traceLow, spanId, value, now);
    if (waiting == null) {
      return;
    }
    cascade.addAll(waiting.held);
    for (Held<?> held = cascade.poll(); held != null; held = cascade.poll()) {
      if (held.inherit(keys) && held.own != 0) {
        Waiters next = put(held.traceHigh, held.traceLow, held.own, value, now);
        if (next != null) {
          cascade.addAll(next.held);
        }
      }
    }
  }

  /** Registers {@code held} as waiting for the span it takes its keys from. */
  void await(Held<?> held, long now) {
    int slot = cache.find(held.traceHigh, held.traceLow, held.awaited, now);
    if (slot < 0) {
      Waiters waiters = new Waiters();
      waiters.held.add(held);
      cache.add(held.traceHigh, held.traceLow, held.awaited, waiters, now);
    } else if (cache.value(slot) instanceof Waiters waiters) {
      waiters.held.add(held);
    }
  }

  /** Takes {@code held} off the list of what waits for its span. */
  void stopWaiting(Held<?> held, long now) {
    int slot = cache.find(held.traceHigh, held.traceLow, held.awaited, now);
    if (slot >= 0 && cache.value(slot) instanceof Waiters waiters) {
      waiters.held.remove(held);
      if (waiters.held.isEmpty()) {
        cache.remove(slot);
      }
    }
  }

  /** Sets the span's value; returns what was waiting for it, or null. */
  private Waiters put(long traceHigh, long traceLow, long spanId, Object value, long now) {
    int slot = cache.find(traceHigh, traceLow, spanId, now);
    if (slot < 0) {
      cache.add(traceHigh, traceLow, spanId, value, now);
      return null;
    }
    if (cache.value(slot) instanceof Waiters waiters) {
      // Re-added rather than overwritten, so that it ages from now, not from when the wait began.
      cache.remove(slot);
      cache.add(traceHigh, traceLow, spanId, value, now);
      return waiters;
    }
    cache.set(slot, value);
    return null;
  }

  /** The records waiting for one span. */
  private static final class Waiters {
    final List<Held<?>> held = new ArrayList<>(2);
  }
}
