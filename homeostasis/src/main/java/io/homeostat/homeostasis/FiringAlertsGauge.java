package io.homeostat.homeostasis;

import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Alert;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code homeostat_alerts_firing{requirement,severity}}: how many alerts fire now. A series
 * appears with the first alert of its requirement and severity and stays, at 0 once they resolve,
 * as Prometheus users expect of a gauge that comes and goes.
 */
final class FiringAlertsGauge {

  static final String NAME = "homeostat_alerts_firing";

  private final MetricRegistry metrics;
  /** Requirement and severity to the count; written on the pipeline thread, read at scrapes. */
  private final Map<List<String>, Integer> counts = new ConcurrentHashMap<>();

  FiringAlertsGauge(MetricRegistry metrics) {
    this.metrics = metrics;
  }

  /** Counts {@code firing} afresh: the alerts firing now. */
  void update(Collection<Alert> firing) {
    Map<List<String>, Integer> now = new HashMap<>();
    for (Alert alert : firing) {
      now.merge(List.of(alert.evaluation().key().requirement(), alert.evaluation().severity()), 1,
          Integer::sum);
    }
    now.keySet().stream().filter(labels -> !counts.containsKey(labels)).forEach(this::register);
    counts.replaceAll((labels, count) -> now.getOrDefault(labels, 0));
  }

  private void register(List<String> labels) {
    counts.put(labels, 0);
    metrics.gauge(NAME, "Alerts firing now, by requirement and severity.",
        () -> counts.getOrDefault(labels, 0), "requirement", labels.get(0), "severity", labels.get(1));
  }
}
