package io.homeostat.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The process-wide wiring: SLF4J finds our provider, and JUL and Netty end up in our output. */
class ServerLoggingTest {

  private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private OutputStream stderr;

  @BeforeEach
  void capture() {
    ServerLogging.install();
    stderr = ServerLogging.sink().redirect(out);
  }

  @AfterEach
  void restore() {
    ServerLogging.sink().redirect(stderr);
    ServerLogging.configure(ServerLogging.DEFAULT_LEVEL, ServerLogging.DEFAULT_ENCODING);
  }

  /**
   * The loggers these tests write with. Threads that earlier test classes in this JVM left
   * winding down (a gRPC channel closing) may log into the same sink meanwhile; their records are
   * left out.
   */
  private static final Set<String> PROBES = Set.of("server.Probe", "i.g.i.ManagedChannelImpl",
      "c.e.Legacy", "i.n.c.Probe", "i.g.n.s.i.n.Probe");
  private static final Pattern RECORD_START = Pattern.compile("^(TRACE|DEBUG|INFO|WARN|ERROR) +(\\S+) ");

  /** The captured records of {@link #PROBES}, with the timestamps that open records cut off. */
  private String written() {
    String text = out.toString(StandardCharsets.UTF_8).replaceAll("(?m)^" + TIMESTAMP, "");
    out.reset();
    StringBuilder ours = new StringBuilder();
    boolean keep = false;
    for (String line : text.split("(?<=\n)")) {
      Matcher start = RECORD_START.matcher(line);
      if (start.find()) {
        keep = PROBES.contains(start.group(2));
      }
      if (keep) {
        ours.append(line);
      }
    }
    return ours.toString();
  }

  @Test
  void slf4jFindsOurProvider() {
    org.slf4j.Logger log = LoggerFactory.getLogger("io.homeostat.server.Probe");
    assertInstanceOf(ServerLogger.class, log);

    log.atInfo().addKeyValue("port", 8888).log("listening");
    assertEquals("INFO  server.Probe listening port=8888\n", written());
  }

  @Test
  void configureSwitchesLevelAndEncodingForExistingLoggers() {
    org.slf4j.Logger log = LoggerFactory.getLogger("io.homeostat.server.Probe");
    ServerLogging.configure(Level.WARN, ServerLogging.Encoding.JSON);
    assertEquals(Level.WARN, ServerLogging.level());
    assertEquals(ServerLogging.Encoding.JSON, ServerLogging.encoding());

    log.info("hidden");
    log.warn("shown");
    String json = out.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.contains("\"logger\":\"io.homeostat.server.Probe\""))
        .map(line -> line + "\n").collect(Collectors.joining());
    assertTrue(json.matches("\\{\"ts\":\"[^\"]+\",\"level\":\"WARN\","
        + "\"logger\":\"io.homeostat.server.Probe\",\"msg\":\"shown\",\"thread\":\"[^\"]+\"}\n"),
        json);
  }

  @Test
  void grpcJulRecordsAtWarningAndAboveArriveInOurFormat() {
    java.util.logging.Logger grpc =
        java.util.logging.Logger.getLogger("io.grpc.internal.ManagedChannelImpl");
    grpc.info("hidden: below WARNING");
    grpc.fine("hidden: below WARNING");
    grpc.log(java.util.logging.Level.WARNING, "channel {0} lost {1} calls",
        new Object[] {"tempo:4317", 3});
    IllegalStateException failure = new IllegalStateException("broken");
    failure.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("io.grpc.internal.ServerImpl", "run", "ServerImpl.java", 7)});
    grpc.log(java.util.logging.Level.SEVERE, "server failed", failure);

    assertEquals("WARN  i.g.i.ManagedChannelImpl channel tempo:4317 lost 3 calls\n"
        + "ERROR i.g.i.ManagedChannelImpl server failed\n"
        + "java.lang.IllegalStateException: broken\n"
        + "\tat io.grpc.internal.ServerImpl.run(ServerImpl.java:7)\n", written());
    java.util.logging.Handler[] handlers = LogManager.getLogManager().getLogger("").getHandlers();
    assertEquals(1, handlers.length, "JUL's console handler is gone");
    assertInstanceOf(JulBridge.class, handlers[0]);
  }

  @Test
  void otherJulUsersArriveAtInfoAndAbove() {
    java.util.logging.Logger other = java.util.logging.Logger.getLogger("com.example.Legacy");
    other.fine("hidden");
    other.info("started");
    assertEquals("INFO  c.e.Legacy started\n", written());
  }

  @Test
  void nettyLogsThroughSlf4jIntoOurOutput() {
    io.netty.util.internal.logging.InternalLoggerFactory.getInstance("io.netty.channel.Probe")
        .warn("netty says {}", "hi");
    io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory
        .getInstance("io.grpc.netty.shaded.io.netty.Probe").warn("shaded netty says {}", "hi");
    assertEquals("WARN  i.n.c.Probe netty says hi\n"
        + "WARN  i.g.n.s.i.n.Probe shaded netty says hi\n", written());
  }
}
