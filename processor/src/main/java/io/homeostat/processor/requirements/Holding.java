package io.homeostat.processor.requirements;

import java.util.ArrayList;
import java.util.List;

/**
 * The records one processor instance holds for their ancestor span, oldest first, within a time
 * and a count budget. A record leaves when it inherits keys (a {@link TraceKeys#record} reaches
 * it), when it has waited {@code wait}, or when the budget needs its place; either way it joins
 * the ready list, which the processor hands on. Nothing is dropped here.
 *
 * <p>Records are let go one tick early, so that none waits longer than {@code wait} when ticks
 * come on time.
 */
final class Holding<R> {

  private final TraceKeys traceKeys;
  private final long waitNanos;
  private final long tickNanos;
  private final int maxHeld;
  private final List<Held<R>> ready = new ArrayList<>();
  private Held<R> oldest;
  private Held<R> newest;
  private int waiting;

  Holding(TraceKeys traceKeys, long waitNanos, long tickNanos, int maxHeld) {
    this.traceKeys = traceKeys;
    this.waitNanos = waitNanos;
    this.tickNanos = tickNanos;
    this.maxHeld = maxHeld;
  }

  /** Holds {@code held} until its ancestor is known; past the budget the oldest are let go. */
  void hold(Held<R> held, long now) {
    held.waiting = true;
    held.previous = newest;
    if (newest == null) {
      oldest = held;
    } else {
      newest.next = held;
    }
    newest = held;
    waiting++;
    traceKeys.await(held, now);
    while (waiting > maxHeld) {
      letGo(oldest, now);
    }
  }

  /** Lets go, without keys, every record that has waited its time. */
  void expire(long now) {
    while (oldest != null && now - oldest.arrived >= waitNanos - tickNanos) {
      letGo(oldest, now);
    }
  }

  /** Lets go everything still waiting, at shutdown. */
  void releaseAll(long now) {
    while (oldest != null) {
      letGo(oldest, now);
    }
  }

  /** Records waiting now. */
  int waiting() {
    return waiting;
  }

  boolean hasReady() {
    return !ready.isEmpty();
  }

  /** The records that left since the last call, in the order they left. */
  List<Held<R>> takeReady() {
    List<Held<R>> out = List.copyOf(ready);
    ready.clear();
    return out;
  }

  /** Called by {@link Held#inherit}: the record leaves the waiting list for the ready list. */
  void ready(Held<R> held) {
    unlink(held);
    ready.add(held);
  }

  private void letGo(Held<R> held, long now) {
    traceKeys.stopWaiting(held, now);
    ready(held);
    if (held.own != 0) {
      // Its descendants have nothing to inherit from it either, and need not wait any longer.
      traceKeys.record(held.traceHigh, held.traceLow, held.own, null, now);
    }
  }

  private void unlink(Held<R> held) {
    held.waiting = false;
    if (held.previous == null) {
      oldest = held.next;
    } else {
      held.previous.next = held.next;
    }
    if (held.next == null) {
      newest = held.previous;
    } else {
      held.next.previous = held.previous;
    }
    held.previous = null;
    held.next = null;
    waiting--;
  }
}
