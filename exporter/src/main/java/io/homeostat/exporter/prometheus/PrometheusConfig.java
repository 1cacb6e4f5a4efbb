package io.homeostat.exporter.prometheus;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.net.Endpoint;
import io.homeostat.exporter.prometheus.translate.ConfigChecks;
import io.homeostat.exporter.prometheus.translate.ResourceToTelemetryConversion;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code prometheus} exporter's config, with the OpenTelemetry Collector's keys and defaults.
 *
 * @param endpoint where {@code GET /metrics} is served
 * @param namespace put before every metric name, with a {@code _}; empty for none
 * @param constLabels added to every series that has no label of the same name
 * @param sendTimestamps each sample carries the time of its OTLP point, instead of the scrape's
 * @param metricExpiration series not updated for this long leave the scrape
 * @param addMetricSuffixes unit, {@code _total} and {@code _ratio} suffixes on metric names
 * @param enableOpenMetrics answer scrapes that ask for it in OpenMetrics, the only format that
 *     carries exemplars; otherwise always in the text format 0.0.4
 */
public record PrometheusConfig(Endpoint endpoint, String namespace,
    Map<String, String> constLabels, boolean sendTimestamps, Duration metricExpiration,
    ResourceToTelemetryConversion resourceToTelemetryConversion, boolean addMetricSuffixes,
    boolean enableOpenMetrics) implements Validatable {

  static final PrometheusConfig DEFAULT = new PrometheusConfig(Endpoint.parse("0.0.0.0:8889"), "",
      Map.of(), false, Duration.ofMinutes(5), ResourceToTelemetryConversion.DISABLED, true, false);

  @Override
  public void validate(Violations violations) {
    ConfigChecks.namespace(namespace, violations);
    ConfigChecks.labels("const_labels", constLabels, violations);
    ConfigChecks.expiration(metricExpiration, violations);
  }
}
