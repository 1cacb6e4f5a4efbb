package io.homeostat.exporter.otlp;

import io.grpc.Metadata;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.net.Endpoint;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.exporter.sending.QueueConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code otlp} exporter's config, with the OpenTelemetry Collector's keys and defaults.
 *
 * @param endpoint {@code host:port} of the OTLP/gRPC backend (required)
 * @param compression of request messages; gzip by default
 * @param headers sent as metadata with every call (credentials, {@code X-Scope-OrgID})
 * @param timeout of each attempt; 5s by default
 * @param tls TLS with the system trust store unless {@code insecure: true}
 */
public record OtlpGrpcConfig(String endpoint, Compression compression, Map<String, String> headers,
    Duration timeout, TlsConfig tls, QueueConfig sendingQueue, RetryConfig retryOnFailure)
    implements Validatable {

  static final OtlpGrpcConfig DEFAULT = new OtlpGrpcConfig(null, Compression.GZIP, Map.of(),
      Duration.ofSeconds(5), TlsConfig.DEFAULT, QueueConfig.DEFAULT, RetryConfig.DEFAULT);

  /** The endpoint checked and parsed; throws with the message {@link #validate} reports. */
  Endpoint target() {
    if (endpoint.contains("://")) {
      throw new IllegalArgumentException("invalid endpoint '" + endpoint + "': write host:port "
          + "without a scheme, such as tempo:4317 (plaintext or TLS is chosen with tls.insecure)");
    }
    Endpoint parsed;
    try {
      parsed = Endpoint.parse(endpoint);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null || endpoint.strip().startsWith(":") || parsed.port() == 0) {
      throw new IllegalArgumentException("invalid endpoint '" + endpoint
          + "': write host:port, such as tempo:4317");
    }
    return parsed;
  }

  @Override
  public void validate(Violations violations) {
    if (endpoint == null || endpoint.isBlank()) {
      violations.add("endpoint", "is required: the host:port of the OTLP/gRPC backend, "
          + "such as tempo:4317");
    } else {
      try {
        target();
      } catch (IllegalArgumentException e) {
        violations.add("endpoint", e.getMessage());
      }
    }
    Timeouts.check(timeout, violations);
    headers.forEach((name, value) -> {
      try {
        Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
      } catch (IllegalArgumentException e) {
        violations.add("headers", "invalid gRPC metadata name '" + name + "': use letters, "
            + "digits, '-', '_' and '.' only, and no '-bin' suffix");
      }
      if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
        violations.add("headers", "the value of '" + name
            + "' must be printable ASCII, as gRPC metadata requires");
      }
    });
  }
}
