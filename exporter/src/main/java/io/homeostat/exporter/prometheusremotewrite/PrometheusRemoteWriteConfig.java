package io.homeostat.exporter.prometheusremotewrite;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.exporter.otlp.HttpChecks;
import io.homeostat.exporter.otlp.Timeouts;
import io.homeostat.exporter.otlp.TlsConfig;
import io.homeostat.exporter.prometheus.translate.ConfigChecks;
import io.homeostat.exporter.prometheus.translate.ResourceToTelemetryConversion;
import io.homeostat.exporter.sending.QueueConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code prometheusremotewrite} exporter's config, with the OpenTelemetry Collector's keys.
 *
 * @param endpoint the URL written to, such as {@code http://prometheus:9090/api/v1/write}
 * @param headers sent with every request (credentials, {@code X-Scope-OrgID})
 * @param timeout of each attempt; 5s by default, like the Collector's
 * @param tls trust and client certificate for {@code https} URLs
 * @param sendingQueue one consumer by default: Prometheus refuses a sample older than the
 *     latest of its series, so requests sent side by side could refuse each other's
 * @param externalLabels added to every series that has no label of the same name
 * @param metricExpiration a series that gets no point for this long is ended with a stale marker
 */
public record PrometheusRemoteWriteConfig(String endpoint, Map<String, String> headers,
    Duration timeout, TlsConfig tls, QueueConfig sendingQueue, RetryConfig retryOnFailure,
    String namespace, Map<String, String> externalLabels,
    ResourceToTelemetryConversion resourceToTelemetryConversion, boolean addMetricSuffixes,
    Duration metricExpiration) implements Validatable {

  static final PrometheusRemoteWriteConfig DEFAULT = new PrometheusRemoteWriteConfig(null,
      Map.of(), Duration.ofSeconds(5), TlsConfig.DEFAULT, new QueueConfig(true, 1, 1000),
      RetryConfig.DEFAULT, "", Map.of(), ResourceToTelemetryConversion.DISABLED, true,
      Duration.ofMinutes(5));

  private static final String EXAMPLE_URL = "http://prometheus:9090/api/v1/write";
  /** Headers the exporter sets; they cannot be configured. */
  private static final Set<String> EXPORTER_HEADERS = Set.of("content-type", "content-encoding",
      "user-agent", "x-prometheus-remote-write-version");

  URI url() {
    return URI.create(endpoint.strip());
  }

  @Override
  public void validate(Violations violations) {
    if (endpoint == null) {
      violations.add("endpoint", "is required: the URL of the remote-write receiver, such as "
          + EXAMPLE_URL);
    }
    HttpChecks.url("endpoint", endpoint, EXAMPLE_URL, violations);
    HttpChecks.headers(headers, EXPORTER_HEADERS, violations);
    Timeouts.check(timeout, violations);
    if (tls.insecure()) {
      violations.add("tls.insecure", "has no effect on remote write: the URL's scheme chooses "
          + "plaintext (http://) or TLS (https://); remove it");
    }
    ConfigChecks.namespace(namespace, violations);
    ConfigChecks.labels("external_labels", externalLabels, violations);
    ConfigChecks.expiration(metricExpiration, violations);
  }
}
