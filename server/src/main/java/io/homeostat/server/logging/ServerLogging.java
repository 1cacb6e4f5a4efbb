package io.homeostat.server.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.time.Clock;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.slf4j.event.Level;

/**
 * The server's logging: its own SLF4J backend writing to stderr, switchable while running.
 *
 * <p>Logging starts before the config is read (at {@code info}, {@code console}); the server calls
 * {@link #configure} once it has read {@code service.telemetry.logs}. {@link #install} routes the
 * third-party libraries that do not log through SLF4J by themselves into the same output.
 */
public final class ServerLogging {

  /** How records are written. */
  public enum Encoding {
    /** One readable line per record: time, level, logger, message, key=value fields. */
    CONSOLE(new ConsoleEncoder()),
    /** One JSON object per line, for log collectors. */
    JSON(new JsonEncoder());

    private final LineEncoder encoder;

    Encoding(LineEncoder encoder) {
      this.encoder = encoder;
    }

    LineEncoder encoder() {
      return encoder;
    }
  }

  public static final Level DEFAULT_LEVEL = Level.INFO;
  public static final Encoding DEFAULT_ENCODING = Encoding.CONSOLE;

  /**
   * Straight to file descriptor 2, unbuffered: each record is one {@code write(2)}, and nothing
   * that replaces {@code System.err} can reorder or split it.
   */
  private static final LogSink SINK = new LogSink(new FileOutputStream(FileDescriptor.err),
      Clock.systemUTC(), DEFAULT_LEVEL, DEFAULT_ENCODING);
  private static final LoggerRegistry LOGGERS = new LoggerRegistry(SINK);

  /**
   * JUL keeps its loggers only weakly: without this reference the level set on {@code io.grpc}
   * would be lost with its logger at the next garbage collection.
   */
  private static java.util.logging.Logger grpcJulLogger;
  /**
   * gRPC logs a stack trace at WARNING for every inbound message over the size limit; the client
   * already gets RESOURCE_EXHAUSTED, so one line per oversized call would only flood the log.
   */
  private static java.util.logging.Logger grpcServerStreamLogger;

  private ServerLogging() {}

  /** Sets the level threshold and the encoding for every logger, at once. */
  public static void configure(Level level, Encoding encoding) {
    SINK.configure(level, encoding);
  }

  public static Level level() {
    return SINK.level();
  }

  public static Encoding encoding() {
    return SINK.encoding();
  }

  /**
   * Routes Netty's logging (ours and gRPC's shaded copy) through SLF4J, and java.util.logging
   * into our loggers: {@code io.grpc} at WARNING and above, other JUL users at INFO and above,
   * with JUL's own console handler removed so that nothing prints in another format. Call first
   * in {@code main}, before any Netty or gRPC class is loaded; calling again does nothing.
   */
  public static synchronized void install() {
    if (grpcJulLogger != null) {
      return;
    }
    io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
        io.netty.util.internal.logging.Slf4JLoggerFactory.INSTANCE);
    io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory.setDefaultFactory(
        io.grpc.netty.shaded.io.netty.util.internal.logging.Slf4JLoggerFactory.INSTANCE);
    java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    root.addHandler(new JulBridge(LOGGERS));
    grpcJulLogger = java.util.logging.Logger.getLogger("io.grpc");
    grpcJulLogger.setLevel(java.util.logging.Level.WARNING);
    grpcServerStreamLogger = java.util.logging.Logger.getLogger(
        "io.grpc.netty.shaded.io.grpc.netty.NettyServerStream");
    grpcServerStreamLogger.setLevel(java.util.logging.Level.SEVERE);
  }

  static LoggerRegistry loggers() {
    return LOGGERS;
  }

  static LogSink sink() {
    return SINK;
  }
}
