package io.homeostat.server.logging;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NormalizedParameters;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger of ours. It takes records from the fluent API whole ({@link LoggingEventAware}),
 * so that {@code addKeyValue} fields reach the encoders as fields instead of being folded into
 * the message, as SLF4J does for loggers that are not event-aware.
 */
final class ServerLogger extends LegacyAbstractLogger implements LoggingEventAware {

  private final transient LogSink sink;
  private final String shortName;

  ServerLogger(String name, LogSink sink) {
    this.name = name;
    this.shortName = LoggerNames.shorten(name);
    this.sink = sink;
  }

  @Override
  public boolean isTraceEnabled() {
    return sink.enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return sink.enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return sink.enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return sink.enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return sink.enabled(Level.ERROR);
  }

  @Override
  public void log(LoggingEvent event) {
    NormalizedParameters normalized = NormalizedParameters.normalize(event);
    List<KeyValuePair> keyValues = event.getKeyValuePairs();
    emit(event.getLevel(), format(normalized.getMessage(), normalized.getArguments()),
        keyValues == null ? List.of() : keyValues, normalized.getThrowable());
  }

  @Override
  protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
      Object[] arguments, Throwable throwable) {
    emit(level, format(messagePattern, arguments), List.of(), throwable);
  }

  /** Writes a record whose message is already formatted; the JUL bridge enters here too. */
  void emit(Level level, String message, List<KeyValuePair> keyValues, Throwable error) {
    sink.write(level, name, shortName, message, keyValues, error);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  private static String format(String pattern, Object[] arguments) {
    if (pattern == null) {
      return "";
    }
    return arguments == null || arguments.length == 0
        ? pattern : MessageFormatter.basicArrayFormat(pattern, arguments);
  }
}
