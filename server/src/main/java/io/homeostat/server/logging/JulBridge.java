package io.homeostat.server.logging;

import java.util.List;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.event.Level;

/**
 * A java.util.logging handler that hands records to our loggers, so that gRPC (which logs through
 * JUL) prints in the server's format instead of JUL's two-line console format.
 */
final class JulBridge extends Handler {

  private final LoggerRegistry loggers;
  /** Only for {@link Formatter#formatMessage}: resource bundles and {@code {0}} parameters. */
  private final Formatter messages = new SimpleFormatter();

  JulBridge(LoggerRegistry loggers) {
    this.loggers = loggers;
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || !isLoggable(record)) {
      return;
    }
    loggers.getLogger(Objects.requireNonNullElse(record.getLoggerName(), ""))
        .emit(level(record.getLevel()), messages.formatMessage(record), List.of(),
            record.getThrown());
  }

  static Level level(java.util.logging.Level jul) {
    int value = jul.intValue();
    if (value >= java.util.logging.Level.SEVERE.intValue()) {
      return Level.ERROR;
    } else if (value >= java.util.logging.Level.WARNING.intValue()) {
      return Level.WARN;
    } else if (value >= java.util.logging.Level.INFO.intValue()) {
      return Level.INFO;
    } else if (value >= java.util.logging.Level.FINE.intValue()) {
      return Level.DEBUG;
    }
    return Level.TRACE;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
