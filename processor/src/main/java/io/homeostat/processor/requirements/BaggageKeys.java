package io.homeostat.processor.requirements;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Requirement keys carried in W3C baggage ({@code baggage: req=REQ-F-AUTH-001,userId=alice}) that
 * instrumentation recorded as an attribute: the header's value as a string, or the list of header
 * values the {@code http.request.header.*} convention records.
 *
 * <p>The header is read as the W3C format says (docs/protocols.md §7): a comma list of
 * {@code key OWS "=" OWS value *(";" property)}, white space around members trimmed, properties
 * ignored, values percent-decoded as UTF-8; several headers are one list, and a member that
 * repeats gives all its values. Malformed members are skipped.
 */
final class BaggageKeys {

  private final List<String> attributes;
  private final String member;

  /**
   * @param attributes the record attributes that may hold the header
   * @param member the baggage member holding keys: the processor's {@code key}
   */
  BaggageKeys(List<String> attributes, String member) {
    this.attributes = List.copyOf(attributes);
    this.member = member;
  }

  /** The valid keys in the recorded baggage of a record, or null. */
  AnyValue find(List<KeyValue> recordAttributes, KeyReader reader) {
    StringBuilder values = null;
    for (String attribute : attributes) {
      AnyValue header = KeyValues.get(recordAttributes, attribute);
      if (header == null) {
        continue;
      }
      if (header.getValueCase() == AnyValue.ValueCase.ARRAY_VALUE) {
        for (AnyValue item : header.getArrayValue().getValuesList()) {
          values = memberValues(KeyValues.asString(item), member, values);
        }
      } else {
        values = memberValues(KeyValues.asString(header), member, values);
      }
    }
    return values == null ? null : reader.keysIn(values.toString());
  }

  /** Appends the decoded values of every member {@code name} of {@code header} to {@code into}. */
  static StringBuilder memberValues(String header, String name, StringBuilder into) {
    for (String entry : header.split(",")) {
      int properties = entry.indexOf(';');
      String keyValue = properties < 0 ? entry : entry.substring(0, properties);
      int equals = keyValue.indexOf('=');
      if (equals < 0 || !keyValue.substring(0, equals).strip().equals(name)) {
        continue;
      }
      into = into == null ? new StringBuilder() : into.append(',');
      into.append(percentDecode(keyValue.substring(equals + 1).strip()));
    }
    return into;
  }

  /** Decodes {@code %XX} escapes as UTF-8 bytes; a malformed escape stays as it is written. */
  static String percentDecode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int i = 0;
    while (i < value.length()) {
      boolean escape = value.charAt(i) == '%' && i + 2 < value.length();
      int high = escape ? Character.digit(value.charAt(i + 1), 16) : -1;
      int low = escape ? Character.digit(value.charAt(i + 2), 16) : -1;
      if (high >= 0 && low >= 0) {
        bytes.write(high << 4 | low);
        i += 3;
      } else {
        int end = value.indexOf('%', i + 1);
        end = end < 0 ? value.length() : end;
        bytes.writeBytes(value.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end;
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
