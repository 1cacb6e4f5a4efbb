package io.homeostat.server.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code msg},
 * {@code thread}, each key-value as a field of its own, and {@code error} with the stack trace
 * when a throwable is given. Numbers and booleans stay JSON numbers and booleans; any other value
 * is written as its string.
 *
 * <p>A key-value named like one of the fields written for the record is written as
 * {@code kv.<key>}, so that no object holds a key twice (parsers disagree on which of two would
 * win). {@code error} is taken only when a throwable is given: a key-value named {@code error}
 * (as {@code RateLimitedLog} writes) keeps its name otherwise.
 */
final class JsonEncoder implements LineEncoder {

  private static final JsonFactory JSON = new JsonFactory();
  private static final Set<String> FIXED = Set.of("ts", "level", "logger", "msg", "thread");

  @Override
  public byte[] encode(LogEvent event) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("ts", ConsoleEncoder.TIMESTAMP.format(event.time()));
      json.writeStringField("level", event.level().name());
      json.writeStringField("logger", event.logger());
      json.writeStringField("msg", event.message());
      json.writeStringField("thread", event.thread());
      for (KeyValuePair pair : event.keyValues()) {
        boolean taken = FIXED.contains(pair.key)
            || event.error() != null && pair.key.equals("error");
        json.writeFieldName(taken ? "kv." + pair.key : pair.key);
        writeValue(json, pair.value);
      }
      if (event.error() != null) {
        StringWriter trace = new StringWriter();
        event.error().printStackTrace(new PrintWriter(trace));
        json.writeStringField("error", trace.toString());
      }
      json.writeEndObject();
    } catch (IOException e) {
      // A ByteArrayBuilder does not fail; this only satisfies the generator's signature.
      throw new UncheckedIOException(e);
    }
    out.append('\n');
    return out.toByteArray();
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Float f) {
      json.writeNumber(f);
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof BigDecimal big) {
      json.writeNumber(big);
    } else {
      json.writeString(String.valueOf(value));
    }
  }
}
