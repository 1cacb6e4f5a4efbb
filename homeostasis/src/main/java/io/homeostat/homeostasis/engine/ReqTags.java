package io.homeostat.homeostasis.engine;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * Reads the requirement keys a record carries, without allocating: the {@code req} attribute of the
 * record, else of its instrumentation scope, else of its resource (as the requirements processor
 * reads them). A value is one key, several separated by commas or spaces, or an array of keys.
 */
final class ReqTags {

  private ReqTags() {}

  /** The {@code req} value that applies to a record, or null. */
  static AnyValue of(List<KeyValue> record, List<KeyValue> scope, List<KeyValue> resource) {
    AnyValue value = KeyValues.get(record, ReqKeys.KEY);
    if (value == null) {
      value = KeyValues.get(scope, ReqKeys.KEY);
    }
    return value != null ? value : KeyValues.get(resource, ReqKeys.KEY);
  }

  /** True when {@code value} names {@code requirement}. */
  static boolean names(AnyValue value, String requirement) {
    if (value == null) {
      return false;
    }
    if (value.hasStringValue()) {
      return containsKey(value.getStringValue(), requirement);
    }
    if (value.hasArrayValue()) {
      ArrayValue array = value.getArrayValue();
      for (int i = 0; i < array.getValuesCount(); i++) {
        AnyValue item = array.getValues(i);
        if (item.hasStringValue() && containsKey(item.getStringValue(), requirement)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Puts the keys in {@code value} into {@code keys} (as many as fit) and returns how many. A single
   * key or an array of keys costs nothing; only a list written as one string
   * ({@code "REQ-A,REQ-B"}) is split.
   */
  static int collect(AnyValue value, String[] keys) {
    if (value == null) {
      return 0;
    }
    if (value.hasStringValue()) {
      return collect(value.getStringValue(), keys, 0);
    }
    int n = 0;
    if (value.hasArrayValue()) {
      ArrayValue array = value.getArrayValue();
      for (int i = 0; i < array.getValuesCount(); i++) {
        if (array.getValues(i).hasStringValue()) {
          n = collect(array.getValues(i).getStringValue(), keys, n);
        }
      }
    }
    return n;
  }

  private static int collect(String text, String[] keys, int n) {
    if (isSingleKey(text)) {
      return add(text, keys, n);
    }
    for (String key : ReqKeys.split(text)) {
      n = add(key, keys, n);
    }
    return n;
  }

  private static int add(String key, String[] keys, int n) {
    if (n < keys.length) {
      keys[n++] = key;
    }
    return n;
  }

  private static boolean isSingleKey(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isSeparator(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code key} stands in {@code text} as a whole key, between separators or the ends. */
  static boolean containsKey(String text, String key) {
    int from = 0;
    while (true) {
      int at = text.indexOf(key, from);
      if (at < 0) {
        return false;
      }
      int end = at + key.length();
      if ((at == 0 || isSeparator(text.charAt(at - 1)))
          && (end == text.length() || isSeparator(text.charAt(end)))) {
        return true;
      }
      from = at + 1;
    }
  }

  private static boolean isSeparator(char c) {
    return c == ',' || Character.isWhitespace(c);
  }
}
