package io.homeostat.exporter.otlp;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.exporter.sending.QueueConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code otlphttp} exporter's config, with the OpenTelemetry Collector's keys and defaults.
 *
 * @param endpoint base URL; {@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} are appended
 * @param tracesEndpoint full URL for traces, instead of the one derived from {@code endpoint}
 * @param compression of request bodies; gzip by default
 * @param headers sent with every request (credentials, {@code X-Scope-OrgID})
 * @param timeout of each attempt; 30s by default, like the Collector's
 * @param encoding {@code proto} (default) or {@code json}
 * @param tls trust and client certificate for {@code https} URLs
 */
public record OtlpHttpConfig(String endpoint, String tracesEndpoint, String metricsEndpoint,
    String logsEndpoint, Compression compression, Map<String, String> headers, Duration timeout,
    Encoding encoding, TlsConfig tls, QueueConfig sendingQueue, RetryConfig retryOnFailure)
    implements Validatable {

  static final OtlpHttpConfig DEFAULT = new OtlpHttpConfig(null, null, null, null,
      Compression.GZIP, Map.of(), Duration.ofSeconds(30), Encoding.PROTO, TlsConfig.DEFAULT,
      QueueConfig.DEFAULT, RetryConfig.DEFAULT);

  /** Headers the exporter sets; they cannot be configured. */
  private static final Set<String> EXPORTER_HEADERS = Set.of("content-type", "content-encoding");

  private static final String EXAMPLE_URL = "http://collector:4318";

  /** The URL {@code signal} is posted to. */
  URI url(Signal signal) {
    String own = switch (signal) {
      case TRACES -> tracesEndpoint;
      case METRICS -> metricsEndpoint;
      case LOGS -> logsEndpoint;
    };
    if (own != null) {
      return URI.create(own.strip());
    }
    String base = endpoint.strip();
    return URI.create((base.endsWith("/") ? base : base + "/") + "v1/" + signal.configName());
  }

  @Override
  public void validate(Violations violations) {
    if (endpoint == null && (tracesEndpoint == null || metricsEndpoint == null
        || logsEndpoint == null)) {
      violations.add("endpoint", "is required: the base URL of the OTLP/HTTP backend, such as "
          + "http://collector:4318 (or give traces_endpoint, metrics_endpoint and logs_endpoint)");
    }
    HttpChecks.url("endpoint", endpoint, EXAMPLE_URL, violations);
    HttpChecks.url("traces_endpoint", tracesEndpoint, EXAMPLE_URL, violations);
    HttpChecks.url("metrics_endpoint", metricsEndpoint, EXAMPLE_URL, violations);
    HttpChecks.url("logs_endpoint", logsEndpoint, EXAMPLE_URL, violations);
    Timeouts.check(timeout, violations);
    if (tls.insecure()) {
      violations.add("tls.insecure", "has no effect on OTLP/HTTP: the URL's scheme chooses "
          + "plaintext (http://) or TLS (https://); remove it");
    }
    HttpChecks.headers(headers, EXPORTER_HEADERS, violations);
  }
}
