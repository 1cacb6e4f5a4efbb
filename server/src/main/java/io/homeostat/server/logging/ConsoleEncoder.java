package io.homeostat.server.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.KeyValuePair;

/**
 * The readable encoding: {@code 2026-11-21T10:15:00.123Z INFO  exporter.otlp.OtlpExporter message
 * key=value key2="value with spaces"}, then the stack trace, if any, on the lines below.
 *
 * <p>Line breaks in the message are written as {@code \n} so that a record is one line and a
 * message cannot forge another record; values are quoted, logfmt style, when they hold a space,
 * a quote, an equals sign or a control character, or are empty.
 */
final class ConsoleEncoder implements LineEncoder {

  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Override
  public byte[] encode(LogEvent event) {
    StringBuilder line = new StringBuilder(128);
    TIMESTAMP.formatTo(event.time(), line);
    line.append(' ').append(event.level());
    for (int pad = event.level().name().length(); pad < 5; pad++) {
      line.append(' ');
    }
    line.append(' ').append(event.shortLogger()).append(' ');
    appendEscaped(line, event.message());
    for (KeyValuePair pair : event.keyValues()) {
      line.append(' ').append(pair.key).append('=');
      appendValue(line, String.valueOf(pair.value));
    }
    line.append('\n');
    if (event.error() != null) {
      StringWriter trace = new StringWriter();
      event.error().printStackTrace(new PrintWriter(trace));
      line.append(trace);
    }
    return line.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendValue(StringBuilder line, String value) {
    if (!needsQuotes(value)) {
      line.append(value);
      return;
    }
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        line.append('\\').append(c);
      } else {
        appendChar(line, c);
      }
    }
    line.append('"');
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static void appendEscaped(StringBuilder line, String text) {
    for (int i = 0; i < text.length(); i++) {
      appendChar(line, text.charAt(i));
    }
  }

  /** Writes control characters as escapes, so that nothing but the encoder ends a line. */
  private static void appendChar(StringBuilder line, char c) {
    switch (c) {
      case '\n' -> line.append("\\n");
      case '\r' -> line.append("\\r");
      case '\t' -> line.append("\\t");
      default -> {
        if (c < ' ' || c == 0x7f) {
          line.append(String.format("\\u%04x", (int) c));
        } else {
          line.append(c);
        }
      }
    }
  }
}
