package io.homeostat.server.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;

/** Hands out one {@link ServerLogger} per name, all writing to the same sink. */
final class LoggerRegistry implements ILoggerFactory {

  private final LogSink sink;
  private final Map<String, ServerLogger> loggers = new ConcurrentHashMap<>();

  LoggerRegistry(LogSink sink) {
    this.sink = sink;
  }

  @Override
  public ServerLogger getLogger(String name) {
    return loggers.computeIfAbsent(name, n -> new ServerLogger(n, sink));
  }
}
