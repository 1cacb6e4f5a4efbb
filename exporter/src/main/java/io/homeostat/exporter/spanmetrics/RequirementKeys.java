package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The requirement keys a {@code req} value names: one string (what the requirements processor
 * writes for one key), an array (what it writes for several), or a comma-separated string written
 * by hand. Each key once; {@code REQ-UNTAGGED} when there is none. The pipeline thread's own:
 * the list it returns is reused, and a string of one key is used as it is, so the usual value
 * costs no allocation; split strings are remembered.
 */
final class RequirementKeys {

  /** Distinct multi-key strings remembered; past this the memory starts afresh. */
  private static final int SPLITS_KEPT = 1024;

  private final List<String> keys = new ArrayList<>(4);
  private final Map<String, List<String>> splits = new HashMap<>();

  /** The keys of {@code value} (null when the span has no {@code req}); valid until the next call. */
  List<String> of(AnyValue value) {
    keys.clear();
    if (value != null) {
      switch (value.getValueCase()) {
        case STRING_VALUE -> addText(value.getStringValue());
        case ARRAY_VALUE -> {
          List<AnyValue> items = value.getArrayValue().getValuesList();
          for (int i = 0; i < items.size(); i++) {
            AnyValue item = items.get(i);
            if (item.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
              addText(item.getStringValue());
            } else if (item.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET) {
              addOnce(KeyValues.asString(item));
            }
          }
        }
        case VALUE_NOT_SET -> { }
        default -> addOnce(KeyValues.asString(value));
      }
    }
    if (keys.isEmpty()) {
      keys.add(ReqKeys.UNTAGGED);
    }
    return keys;
  }

  private void addText(String text) {
    if (isOneKey(text)) {
      addOnce(text);
      return;
    }
    List<String> parts = splits.get(text);
    if (parts == null) {
      if (splits.size() >= SPLITS_KEPT) {
        splits.clear();
      }
      parts = List.copyOf(ReqKeys.split(text));
      splits.put(text, parts);
    }
    for (int i = 0; i < parts.size(); i++) {
      addOnce(parts.get(i));
    }
  }

  /** True when {@link ReqKeys#split} would return {@code text} itself. */
  private static boolean isOneKey(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
        return false;
      }
    }
    return true;
  }

  private void addOnce(String key) {
    if (!key.isEmpty() && !keys.contains(key)) {
      keys.add(key);
    }
  }
}
