package io.homeostat.exporter.loki;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.exporter.otlp.Compression;
import io.homeostat.exporter.otlp.HttpChecks;
import io.homeostat.exporter.otlp.Timeouts;
import io.homeostat.exporter.otlp.TlsConfig;
import io.homeostat.exporter.sending.QueueConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code loki} exporter's config.
 *
 * @param endpoint the push URL; a URL without a path gets Loki's {@code /loki/api/v1/push}
 * @param tenantId sent as {@code X-Scope-OrgID}, which a Loki with {@code auth_enabled} requires
 * @param labels which values become stream labels
 * @param lineFormat what a line holds: the body (default) or the whole record as JSON
 * @param encoding {@code proto} (protobuf and snappy, the default) or {@code json}
 * @param compression of JSON bodies, gzip by default; protobuf bodies are always snappy
 * @param headers sent with every request (credentials)
 * @param timeout of each attempt; 30s by default, like the OpenTelemetry Collector's exporters
 * @param tls trust and client certificate for {@code https} URLs
 */
public record LokiConfig(String endpoint, String tenantId, LabelsConfig labels,
    LineFormat lineFormat, PushEncoding encoding, Compression compression,
    Map<String, String> headers, Duration timeout, TlsConfig tls, QueueConfig sendingQueue,
    RetryConfig retryOnFailure) implements Validatable {

  static final LokiConfig DEFAULT = new LokiConfig(null, null, LabelsConfig.DEFAULT,
      LineFormat.BODY, PushEncoding.PROTO, null, Map.of(), Duration.ofSeconds(30),
      TlsConfig.DEFAULT, QueueConfig.DEFAULT, RetryConfig.DEFAULT);

  /** Loki's push path, used when the endpoint has none. */
  static final String PUSH_PATH = "/loki/api/v1/push";
  static final String TENANT_HEADER = "X-Scope-OrgID";
  /** The longest tenant id Loki accepts (dskit's {@code tenant.MaxTenantIDLength}). */
  static final int MAX_TENANT_LENGTH = 150;

  private static final Set<String> EXPORTER_HEADERS = Set.of("content-type", "content-encoding");
  private static final String EXAMPLE_URL = "http://loki:3100/loki/api/v1/push";

  /** The URL pushes are posted to. */
  URI url() {
    URI uri = URI.create(endpoint.strip());
    String path = uri.getRawPath();
    return path == null || path.isEmpty() || path.equals("/")
        ? uri.resolve(PUSH_PATH) : uri;
  }

  /** How JSON bodies are compressed: as configured, gzip when not. */
  Compression jsonCompression() {
    return compression == null ? Compression.GZIP : compression;
  }

  @Override
  public void validate(Violations violations) {
    if (endpoint == null) {
      violations.add("endpoint", "is required: Loki's push URL, such as " + EXAMPLE_URL);
    }
    HttpChecks.url("endpoint", endpoint, EXAMPLE_URL, violations);
    if (tenantId != null) {
      checkTenant(tenantId, violations);
    }
    if (encoding == PushEncoding.PROTO && compression != null) {
      violations.add("compression", "applies to encoding: json only; protobuf pushes are always "
          + "snappy-compressed, as Loki requires: remove compression, or set encoding: json");
    }
    Timeouts.check(timeout, violations);
    if (tls.insecure()) {
      violations.add("tls.insecure", "has no effect on an HTTP exporter: the URL's scheme "
          + "chooses plaintext (http://) or TLS (https://); remove it");
    }
    headers.keySet().stream().filter(TENANT_HEADER::equalsIgnoreCase).forEach(name ->
        violations.add("headers", "header '" + name + "' cannot be configured: set the tenant "
            + "with tenant_id"));
    HttpChecks.headers(headers, EXPORTER_HEADERS, violations);
  }

  /** Loki's rules for tenant ids (dskit's {@code tenant.ValidTenantID}). */
  private static void checkTenant(String tenant, Violations violations) {
    for (int i = 0; i < tenant.length(); i++) {
      char c = tenant.charAt(i);
      if (!isTenantChar(c)) {
        violations.add("tenant_id", "'" + tenant + "' holds '" + c + "' at " + i + ": Loki "
            + "takes tenant ids of letters, digits and !-_.*'() only");
        return;
      }
    }
    if (tenant.isEmpty()) {
      violations.add("tenant_id", "is empty: give the tenant, such as team-a, or remove "
          + "tenant_id for a Loki without auth_enabled");
    } else if (tenant.length() > MAX_TENANT_LENGTH) {
      violations.add("tenant_id", "is " + tenant.length() + " characters long: Loki takes at "
          + "most " + MAX_TENANT_LENGTH);
    } else if (tenant.equals(".") || tenant.equals("..")) {
      violations.add("tenant_id", "'" + tenant + "' is not a valid tenant id in Loki: "
          + "choose a name");
    }
  }

  private static boolean isTenantChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || "!-_.*'()".indexOf(c) >= 0;
  }
}
