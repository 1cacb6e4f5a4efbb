package io.homeostat.exporter.sending;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The self metrics of one exporter id, per signal it serves (see DESIGN.md, self metrics). */
final class ExporterMetrics {

  private final Map<Signal, Counter> sent = new EnumMap<>(Signal.class);
  private final Map<Signal, Counter> sendFailed = new EnumMap<>(Signal.class);
  private final Map<Signal, Counter> enqueueFailed = new EnumMap<>(Signal.class);
  private final Counter retries;

  ExporterMetrics(MetricRegistry registry, String exporter, Set<Signal> signals) {
    for (Signal signal : signals) {
      String item = signal.itemName();
      String words = words(signal);
      sent.put(signal, registry.counter("homeostat_exporter_sent_" + item + "_total",
          "The " + words + " the backend accepted.", "exporter", exporter));
      sendFailed.put(signal, registry.counter("homeostat_exporter_send_failed_" + item + "_total",
          "The " + words + " dropped after they were queued: refused for good by the backend, "
              + "out of retries, or still undelivered at shutdown.", "exporter", exporter));
      enqueueFailed.put(signal, registry.counter("homeostat_exporter_enqueue_failed_" + item
          + "_total", "The " + words + " refused because the sending queue was full or closed; "
          + "their clients were asked to retry.", "exporter", exporter));
    }
    retries = registry.counter("homeostat_exporter_retries_total",
        "Requests sent again after a retryable failure.", "exporter", exporter);
  }

  /** The items of {@code signal} as words for messages: {@code log records}. */
  static String words(Signal signal) {
    return signal.itemName().replace('_', ' ');
  }

  boolean serves(Signal signal) {
    return sent.containsKey(signal);
  }

  void sent(Signal signal, long items) {
    sent.get(signal).add(items);
  }

  void sendFailed(Signal signal, long items) {
    sendFailed.get(signal).add(items);
  }

  void enqueueFailed(Signal signal, long items) {
    enqueueFailed.get(signal).add(items);
  }

  void retried() {
    retries.inc();
  }
}
