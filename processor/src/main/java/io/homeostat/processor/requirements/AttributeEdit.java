package io.homeostat.processor.requirements;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what the processor decided into a record's attributes: the keys under the canonical
 * attribute (where the key or its first alias was, else at the end), aliases removed, invalid
 * values under {@code <key>.invalid}, and the enrichment attributes (replacing older values).
 */
final class AttributeEdit {

  private final String key;
  private final String invalidKey;
  private final String[] aliases;

  AttributeEdit(String key, List<String> aliases) {
    this.key = key;
    this.invalidKey = key + ".invalid";
    this.aliases = aliases.toArray(String[]::new);
  }

  /**
   * The attributes with {@code keys} (null: none) and {@code invalid} (null: none) in place, and
   * {@code enrichment} set.
   */
  List<KeyValue> apply(List<KeyValue> attributes, AnyValue keys, AnyValue invalid,
      List<KeyValue> enrichment) {
    List<KeyValue> out = new ArrayList<>(attributes.size() + 2 + enrichment.size());
    boolean placed = false;
    for (KeyValue attribute : attributes) {
      String name = attribute.getKey();
      if (name.equals(key) || isAlias(name)) {
        if (!placed && keys != null) {
          out.add(name.equals(key) && attribute.getValue() == keys ? attribute : keyValue(key, keys));
          placed = true;
        }
      } else if (!(invalid != null && name.equals(invalidKey)) && !setBy(enrichment, name)) {
        out.add(attribute);
      }
    }
    if (!placed && keys != null) {
      out.add(keyValue(key, keys));
    }
    if (invalid != null) {
      out.add(keyValue(invalidKey, invalid));
    }
    out.addAll(enrichment);
    return out;
  }

  private boolean isAlias(String name) {
    for (String alias : aliases) {
      if (name.equals(alias)) {
        return true;
      }
    }
    return false;
  }

  private static boolean setBy(List<KeyValue> enrichment, String name) {
    for (KeyValue attribute : enrichment) {
      if (attribute.getKey().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static KeyValue keyValue(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
