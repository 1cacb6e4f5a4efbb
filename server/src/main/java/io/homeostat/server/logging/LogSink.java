package io.homeostat.server.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Where every logger writes: holds the level threshold and the encoding, both switchable while
 * the server runs, and the output.
 *
 * <p>A record is encoded on the caller's thread and then written with one {@code write} call
 * under a lock, so that concurrent records never interleave and a pipe reader sees whole lines.
 */
final class LogSink {

  private final Clock clock;
  private final Object writeLock = new Object();
  private volatile OutputStream out;
  private volatile int threshold;
  private volatile ServerLogging.Encoding encoding;

  LogSink(OutputStream out, Clock clock, Level level, ServerLogging.Encoding encoding) {
    this.out = out;
    this.clock = clock;
    configure(level, encoding);
  }

  void configure(Level level, ServerLogging.Encoding encoding) {
    this.threshold = level.toInt();
    this.encoding = encoding;
  }

  Level level() {
    return Level.intToLevel(threshold);
  }

  ServerLogging.Encoding encoding() {
    return encoding;
  }

  /** Sends the output elsewhere and returns where it went before; for tests. */
  OutputStream redirect(OutputStream to) {
    synchronized (writeLock) {
      OutputStream before = out;
      out = to;
      return before;
    }
  }

  boolean enabled(Level level) {
    return level.toInt() >= threshold;
  }

  /** Writes one record unless its level is below the threshold. */
  void write(Level level, String logger, String shortLogger, String message,
      List<KeyValuePair> keyValues, Throwable error) {
    if (!enabled(level)) {
      return;
    }
    byte[] line = encoding.encoder().encode(new LogEvent(clock.instant(), level, logger,
        shortLogger, Thread.currentThread().getName(), message, keyValues, error));
    synchronized (writeLock) {
      try {
        out.write(line);
        out.flush();
      } catch (IOException e) {
        // Nowhere is left to report a failing stderr; the record is lost, the caller goes on.
      }
    }
  }
}
