package io.homeostat.exporter.sending;

import static io.homeostat.exporter.sending.ExporterMetrics.words;

import io.homeostat.core.pipeline.Signal;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ObjLongConsumer;

/**
 * What a queue had not delivered when it closed, per signal: lost with a memory queue, kept for
 * the next start with a disk queue. Safe to add to from several threads.
 */
final class Unsent {

  /** Requests (even index) and items (odd index) per signal ordinal. */
  private final AtomicLongArray counts = new AtomicLongArray(2 * Signal.values().length);
  private final Path keptIn;

  private Unsent(Path keptIn) {
    this.keptIn = keptIn;
  }

  /** Requests a memory queue drops at close. */
  static Unsent lost() {
    return new Unsent(null);
  }

  /** Requests a disk queue keeps in {@code dir} at close. */
  static Unsent keptIn(Path dir) {
    return new Unsent(dir);
  }

  void add(Signal signal, long items) {
    int at = 2 * signal.ordinal();
    counts.incrementAndGet(at);
    counts.addAndGet(at + 1, items);
  }

  /** True when the requests stay on disk, to be sent after the next start. */
  boolean kept() {
    return keptIn != null;
  }

  /** Where they are kept; null when they are lost. */
  Path keptIn() {
    return keptIn;
  }

  long requests() {
    long total = 0;
    for (Signal signal : Signal.values()) {
      total += counts.get(2 * signal.ordinal());
    }
    return total;
  }

  long items() {
    long total = 0;
    for (Signal signal : Signal.values()) {
      total += counts.get(2 * signal.ordinal() + 1);
    }
    return total;
  }

  /** Calls {@code action} with the items of each signal that has any. */
  void forEachSignal(ObjLongConsumer<Signal> action) {
    for (Signal signal : Signal.values()) {
      if (counts.get(2 * signal.ordinal()) > 0) {
        action.accept(signal, counts.get(2 * signal.ordinal() + 1));
      }
    }
  }

  /** {@code traces: 2 requests (6 spans), logs: 1 request (2 log records)}. */
  String describe() {
    StringJoiner bySignal = new StringJoiner(", ");
    for (Signal signal : Signal.values()) {
      long requests = counts.get(2 * signal.ordinal());
      if (requests > 0) {
        bySignal.add(signal.configName() + ": " + requests
            + (requests == 1 ? " request (" : " requests (")
            + counts.get(2 * signal.ordinal() + 1) + " " + words(signal) + ")");
      }
    }
    return bySignal.toString();
  }
}
