package io.homeostat.server.config;

import io.homeostat.core.config.Validatable;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code service} section: which pipelines run, the admin endpoint, the server's own logs,
 * and the limits of the pipeline itself.
 *
 * @param ringSize events the pipeline ring holds (a power of two); when it is full, receivers
 *     ask clients to retry
 * @param shutdownTimeout how long SIGTERM may take to drain the ring and the exporter queues
 * @param dataDir where state that must outlive a restart is kept (firing alerts, open issues,
 *     intents); relative to the config file's directory
 */
public record ServiceConfig(
    AdminConfig admin,
    TelemetryConfig telemetry,
    Duration shutdownTimeout,
    int ringSize,
    String dataDir,
    Map<String, PipelineConfig> pipelines) implements Validatable {

  static ServiceConfig defaults() {
    return new ServiceConfig(AdminConfig.defaults(), TelemetryConfig.defaults(),
        Duration.ofSeconds(10), 4096, "data", Map.of());
  }

  @Override
  public void validate(Violations violations) {
    if (shutdownTimeout.isNegative() || shutdownTimeout.isZero()) {
      violations.add("shutdown_timeout", "must be positive, such as 10s");
    }
    if (ringSize < 2 || Integer.bitCount(ringSize) != 1) {
      violations.add("ring_size", "must be a power of two of at least 2, such as 4096; was " + ringSize);
    }
    if (dataDir == null || dataDir.isBlank()) {
      violations.add("data_dir", "must name a directory, such as data or /var/lib/homeostat");
    }
    if (pipelines.isEmpty()) {
      violations.add("pipelines", "at least one pipeline is required, such as "
          + "traces: {receivers: [otlp], exporters: [debug]}");
    }
  }
}
