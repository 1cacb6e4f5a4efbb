package io.homeostat.core.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading and editing OTLP attribute lists. Edits return a new list and leave the argument as it
 * was; lookups are linear, which is faster than a map for the handful of attributes a record has.
 */
public final class KeyValues {

  private KeyValues() {}

  /** The value at {@code key}, or null. */
  public static AnyValue get(List<KeyValue> attributes, String key) {
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      if (kv.getKey().equals(key)) {
        return kv.getValue();
      }
    }
    return null;
  }

  /** The value at {@code key} as text (strings as they are, other scalars printed), or null. */
  public static String getString(List<KeyValue> attributes, String key) {
    AnyValue value = get(attributes, key);
    return value == null ? null : asString(value);
  }

  public static boolean contains(List<KeyValue> attributes, String key) {
    return get(attributes, key) != null;
  }

  /** {@code attributes} with {@code key} set to {@code value}, in place if present, else appended. */
  public static List<KeyValue> put(List<KeyValue> attributes, String key, AnyValue value) {
    List<KeyValue> out = new ArrayList<>(attributes.size() + 1);
    boolean replaced = false;
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        if (!replaced) {
          out.add(KeyValue.newBuilder().setKey(key).setValue(value).build());
          replaced = true;
        }
      } else {
        out.add(kv);
      }
    }
    if (!replaced) {
      out.add(KeyValue.newBuilder().setKey(key).setValue(value).build());
    }
    return out;
  }

  /** {@code attributes} without {@code key}; the same list when the key is absent. */
  public static List<KeyValue> remove(List<KeyValue> attributes, String key) {
    if (!contains(attributes, key)) {
      return attributes;
    }
    List<KeyValue> out = new ArrayList<>(attributes.size());
    for (KeyValue kv : attributes) {
      if (!kv.getKey().equals(key)) {
        out.add(kv);
      }
    }
    return out;
  }

  public static AnyValue string(String value) {
    return AnyValue.newBuilder().setStringValue(value).build();
  }

  /** A string value for one item, an array of strings for several. */
  public static AnyValue strings(List<String> values) {
    if (values.size() == 1) {
      return string(values.get(0));
    }
    ArrayValue.Builder array = ArrayValue.newBuilder();
    values.forEach(v -> array.addValues(string(v)));
    return AnyValue.newBuilder().setArrayValue(array).build();
  }

  /** A readable text form of a value: strings as they are, scalars printed, arrays joined with ','. */
  public static String asString(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case ARRAY_VALUE -> {
        StringBuilder joined = new StringBuilder();
        for (AnyValue item : value.getArrayValue().getValuesList()) {
          if (joined.length() > 0) {
            joined.append(',');
          }
          joined.append(asString(item));
        }
        yield joined.toString();
      }
      case BYTES_VALUE -> java.util.HexFormat.of().formatHex(value.getBytesValue().toByteArray());
      case KVLIST_VALUE -> value.getKvlistValue().toString();
      // A string-table index only means something inside profiles, which never reach here.
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
    };
  }
}
