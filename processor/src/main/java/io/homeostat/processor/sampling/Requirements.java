package io.homeostat.processor.sampling;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.Set;

/**
 * The {@code always_keep_requirements} policy's test: does a span's {@code req} attribute name one
 * of the listed requirements? The requirements processor writes one key as a string and several as
 * an array; values written by hand may also be a comma-separated string.
 */
final class Requirements {

  private final Set<String> keys;

  Requirements(List<String> keys) {
    this.keys = Set.copyOf(keys.stream().map(String::strip).toList());
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  boolean matches(List<KeyValue> attributes) {
    AnyValue value = KeyValues.get(attributes, ReqKeys.KEY);
    if (value == null) {
      return false;
    }
    if (value.hasArrayValue()) {
      for (AnyValue item : value.getArrayValue().getValuesList()) {
        if (item.hasStringValue() && named(item.getStringValue())) {
          return true;
        }
      }
      return false;
    }
    return value.hasStringValue() && named(value.getStringValue());
  }

  private boolean named(String text) {
    for (String key : ReqKeys.split(text)) {
      if (keys.contains(key)) {
        return true;
      }
    }
    return false;
  }
}
