package io.homeostat.server.config;

import io.homeostat.server.logging.ServerLogging;
import org.slf4j.event.Level;

/** {@code service.telemetry.logs}: the server's own log level and line format. */
public record LogsConfig(Level level, ServerLogging.Encoding encoding) {

  static LogsConfig defaults() {
    return new LogsConfig(ServerLogging.DEFAULT_LEVEL, ServerLogging.DEFAULT_ENCODING);
  }
}
