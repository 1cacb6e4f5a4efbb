package io.homeostat.exporter.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;

/**
 * OTLP values as Loki shows them: as text for labels, metadata and lines, and as plain JSON (a
 * string, a number, an object for a map) inside JSON lines. The text forms are those of the
 * Collector's pdata {@code AsString}, which Loki's own OTLP endpoint uses: a double without an
 * exponent or trailing zeros, bytes in base64, maps and lists as JSON.
 */
final class ValueJson {

  static final JsonFactory FACTORY = new JsonFactory();

  private ValueJson() {}

  /** {@code value} as text; the empty string when it is unset. */
  static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> text(value.getDoubleValue());
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE, KVLIST_VALUE -> json(value);
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
    };
  }

  private static String text(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    return d == 0 ? "0" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  private static String json(AnyValue value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
    return text.toString();
  }

  /** Writes {@code value} as a JSON value; an unset value is {@code null}. */
  static void write(JsonGenerator out, AnyValue value) throws IOException {
    switch (value.getValueCase()) {
      case STRING_VALUE -> out.writeString(value.getStringValue());
      case BOOL_VALUE -> out.writeBoolean(value.getBoolValue());
      case INT_VALUE -> out.writeNumber(value.getIntValue());
      case DOUBLE_VALUE -> {
        double d = value.getDoubleValue();
        if (Double.isFinite(d)) {
          out.writeNumber(d);
        } else {
          out.writeString(text(d));
        }
      }
      case BYTES_VALUE -> out.writeString(text(value));
      case ARRAY_VALUE -> {
        out.writeStartArray();
        for (AnyValue item : value.getArrayValue().getValuesList()) {
          write(out, item);
        }
        out.writeEndArray();
      }
      case KVLIST_VALUE -> writeObject(out, value.getKvlistValue().getValuesList());
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> out.writeNull();
    }
  }

  /** Writes attributes as one JSON object; of repeated keys, JSON readers keep the last. */
  static void writeObject(JsonGenerator out, List<KeyValue> attributes) throws IOException {
    out.writeStartObject();
    for (KeyValue attribute : attributes) {
      out.writeFieldName(attribute.getKey());
      write(out, attribute.getValue());
    }
    out.writeEndObject();
  }
}
