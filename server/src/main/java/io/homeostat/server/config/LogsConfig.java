package io.homeostat.server.config;

/** {@code service.telemetry.logs}: the server's own log level and line format. */
public record LogsConfig(Level level, Encoding encoding) {

  public enum Level { TRACE, DEBUG, INFO, WARN, ERROR }

  /** {@code console}: readable lines; {@code json}: one JSON object per line. */
  public enum Encoding { CONSOLE, JSON }

  static LogsConfig defaults() {
    return new LogsConfig(Level.INFO, Encoding.CONSOLE);
  }
}
