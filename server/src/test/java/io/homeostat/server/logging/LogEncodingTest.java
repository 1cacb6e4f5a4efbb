package io.homeostat.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.event.Level;

class LogEncodingTest {

  private static final String TS = "2026-11-21T10:15:00.123Z";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final LogSink sink = new LogSink(out,
      Clock.fixed(Instant.parse(TS), ZoneOffset.UTC), Level.INFO, ServerLogging.Encoding.CONSOLE);
  private final Logger log =
      new LoggerRegistry(sink).getLogger("io.homeostat.exporter.otlp.OtlpExporter");
  private final String thread = Thread.currentThread().getName();

  private String written() {
    String text = out.toString(StandardCharsets.UTF_8);
    out.reset();
    return text;
  }

  /** A throwable with a fixed stack, so that the expected text is exact. */
  private static IOException failure() {
    IOException e = new IOException("disk \"full\"");
    e.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("io.homeostat.exporter.file.FileExporter", "write",
            "FileExporter.java", 42)});
    return e;
  }

  private static final String TRACE = "java.io.IOException: disk \"full\"\n"
      + "\tat io.homeostat.exporter.file.FileExporter.write(FileExporter.java:42)\n";

  @Test
  void consoleWritesTimeLevelShortNameMessageAndFields() {
    log.atInfo().addKeyValue("endpoint", "tempo:4317").addKeyValue("reason", "connection refused")
        .log("sent {} spans", 100);
    log.warn("queue {} of {}", 9, 10);

    assertEquals(TS + " INFO  exporter.otlp.OtlpExporter sent 100 spans endpoint=tempo:4317"
        + " reason=\"connection refused\"\n"
        + TS + " WARN  exporter.otlp.OtlpExporter queue 9 of 10\n", written());
  }

  @Test
  void consoleQuotesValuesThatNeedItAndKeepsEachRecordOnOneLine() {
    log.atError().addKeyValue("quote", "say \"hi\"").addKeyValue("lines", "one\ntwo\r")
        .addKeyValue("empty", "").addKeyValue("assign", "a=b").addKeyValue("tab", "a\tb")
        .addKeyValue("path", "C:\\data").addKeyValue("nothing", (Object) null)
        .log("first\nsecond \u0001");

    assertEquals(TS + " ERROR exporter.otlp.OtlpExporter first\\nsecond \\u0001"
        + " quote=\"say \\\"hi\\\"\" lines=\"one\\ntwo\\r\" empty=\"\" assign=\"a=b\""
        + " tab=\"a\\tb\" path=C:\\data nothing=null\n", written());
  }

  @Test
  void consoleWritesTheStackTraceBelowTheLine() {
    log.error("export failed", failure());
    log.atWarn().setCause(failure()).addKeyValue("exporter", "otlp").log("retrying");
    log.warn("failed {}", "twice", failure());

    assertEquals(TS + " ERROR exporter.otlp.OtlpExporter export failed\n" + TRACE
        + TS + " WARN  exporter.otlp.OtlpExporter retrying exporter=otlp\n" + TRACE
        + TS + " WARN  exporter.otlp.OtlpExporter failed twice\n" + TRACE, written());
  }

  @Test
  void jsonWritesOneObjectPerLineWithEveryKeyValueAsAField() {
    sink.configure(Level.INFO, ServerLogging.Encoding.JSON);
    log.atInfo().addKeyValue("endpoint", "tempo:4317").addKeyValue("spans", 100)
        .addKeyValue("ratio", 0.5).addKeyValue("retry", true).addKeyValue("missing", (Object) null)
        .addKeyValue("size", 1.5f).log("sent {} spans", 100);

    assertEquals("{\"ts\":\"" + TS + "\",\"level\":\"INFO\","
        + "\"logger\":\"io.homeostat.exporter.otlp.OtlpExporter\",\"msg\":\"sent 100 spans\","
        + "\"thread\":\"" + thread + "\",\"endpoint\":\"tempo:4317\",\"spans\":100,"
        + "\"ratio\":0.5,\"retry\":true,\"missing\":null,\"size\":1.5}\n", written());
  }

  @Test
  void jsonEscapesQuotesNewlinesAndControlCharacters() {
    sink.configure(Level.INFO, ServerLogging.Encoding.JSON);
    log.atWarn().addKeyValue("body", "{\"a\":\n1}\u0001").log("say \"hi\"\nbye\\");

    assertEquals("{\"ts\":\"" + TS + "\",\"level\":\"WARN\","
        + "\"logger\":\"io.homeostat.exporter.otlp.OtlpExporter\",\"msg\":\"say \\\"hi\\\"\\nbye\\\\\","
        + "\"thread\":\"" + thread + "\",\"body\":\"{\\\"a\\\":\\n1}\\u0001\"}\n", written());
  }

  @Test
  void jsonPutsTheStackTraceInError() {
    sink.configure(Level.INFO, ServerLogging.Encoding.JSON);
    log.atError().setCause(failure()).addKeyValue("exporter", "file").log("export failed");

    assertEquals("{\"ts\":\"" + TS + "\",\"level\":\"ERROR\","
        + "\"logger\":\"io.homeostat.exporter.otlp.OtlpExporter\",\"msg\":\"export failed\","
        + "\"thread\":\"" + thread + "\",\"exporter\":\"file\","
        + "\"error\":\"java.io.IOException: disk \\\"full\\\"\\n"
        + "\\tat io.homeostat.exporter.file.FileExporter.write(FileExporter.java:42)\\n\"}\n",
        written());
  }

  @Test
  void jsonRenamesKeyValuesThatWouldRepeatAField() {
    sink.configure(Level.INFO, ServerLogging.Encoding.JSON);
    log.atWarn().addKeyValue("error", "timeout").log("rate limited");
    log.atWarn().addKeyValue("level", "high").addKeyValue("error", "timeout")
        .setCause(failure()).log("both");

    String prefix = "{\"ts\":\"" + TS + "\",\"level\":\"WARN\","
        + "\"logger\":\"io.homeostat.exporter.otlp.OtlpExporter\",";
    assertEquals(prefix + "\"msg\":\"rate limited\",\"thread\":\"" + thread + "\","
        + "\"error\":\"timeout\"}\n"
        + prefix + "\"msg\":\"both\",\"thread\":\"" + thread + "\",\"kv.level\":\"high\","
        + "\"kv.error\":\"timeout\",\"error\":\"java.io.IOException: disk \\\"full\\\"\\n"
        + "\\tat io.homeostat.exporter.file.FileExporter.write(FileExporter.java:42)\\n\"}\n",
        written());
  }

  @Test
  void theThresholdFiltersAndSwitchesWhileRunning() {
    log.debug("hidden");
    log.atDebug().addKeyValue("k", "v").log("hidden too");
    log.trace("hidden");
    assertEquals(false, log.isDebugEnabled());
    assertEquals(true, log.isInfoEnabled());
    assertEquals("", written());

    sink.configure(Level.DEBUG, ServerLogging.Encoding.CONSOLE);
    log.debug("shown");
    log.trace("hidden");
    assertEquals(TS + " DEBUG exporter.otlp.OtlpExporter shown\n", written());

    sink.configure(Level.WARN, ServerLogging.Encoding.CONSOLE);
    log.info("hidden");
    log.warn("warned");
    log.error("failed");
    assertEquals(TS + " WARN  exporter.otlp.OtlpExporter warned\n"
        + TS + " ERROR exporter.otlp.OtlpExporter failed\n", written());

    sink.configure(Level.TRACE, ServerLogging.Encoding.CONSOLE);
    log.trace("traced");
    assertEquals(TS + " TRACE exporter.otlp.OtlpExporter traced\n", written());
    assertEquals(Level.TRACE, sink.level());
  }

  @Test
  void loggerNamesAreShortenedForTheConsole() {
    assertEquals("exporter.otlp.OtlpExporter",
        LoggerNames.shorten("io.homeostat.exporter.otlp.OtlpExporter"));
    assertEquals("i.g.i.ManagedChannelImpl",
        LoggerNames.shorten("io.grpc.internal.ManagedChannelImpl"));
    assertEquals("i.grpc", LoggerNames.shorten("io.grpc"));
    assertEquals("a..C", LoggerNames.shorten("a..C"));
    assertEquals("root", LoggerNames.shorten("root"));
    assertEquals("", LoggerNames.shorten(""));
  }
}
