package io.homeostat.exporter.loki;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;

/**
 * Writes streams as the JSON body of Loki's push API:
 * {@code {"streams":[{"stream":{"label":"value"},"values":[["<ns>","line",{"name":"value"}]]}]}},
 * with the time in nanoseconds as a string (Loki refuses a number) and the structured metadata
 * object only where an entry has some.
 */
final class JsonPushEncoder {

  private JsonPushEncoder() {}

  static void encode(Collection<Stream> streams, OutputStream target) throws IOException {
    try (JsonGenerator out = ValueJson.FACTORY.createGenerator(target)) {
      out.writeStartObject();
      out.writeArrayFieldStart("streams");
      for (Stream stream : streams) {
        out.writeStartObject();
        out.writeFieldName("stream");
        writePairs(stream.labels(), out);
        out.writeArrayFieldStart("values");
        for (Entry entry : stream.entries()) {
          out.writeStartArray();
          out.writeString(Long.toString(entry.nanos()));
          out.writeString(entry.line());
          if (entry.metadata().length > 0) {
            writePairs(entry.metadata(), out);
          }
          out.writeEndArray();
        }
        out.writeEndArray();
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    }
  }

  private static void writePairs(String[] pairs, JsonGenerator out) throws IOException {
    out.writeStartObject();
    for (int i = 0; i < pairs.length; i += 2) {
      out.writeStringField(pairs[i], pairs[i + 1]);
    }
    out.writeEndObject();
  }
}
