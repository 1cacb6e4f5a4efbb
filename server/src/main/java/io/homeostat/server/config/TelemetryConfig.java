package io.homeostat.server.config;

/** The server's own telemetry: {@code service.telemetry}. */
public record TelemetryConfig(LogsConfig logs) {

  static TelemetryConfig defaults() {
    return new TelemetryConfig(LogsConfig.defaults());
  }
}
