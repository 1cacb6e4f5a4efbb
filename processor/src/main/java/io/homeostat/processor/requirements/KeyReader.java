package io.homeostat.processor.requirements;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requirement keys from a record's attributes and checks them against the pattern.
 *
 * <p>A record that already carries its keys in canonical form (one valid key as a string, or
 * several distinct valid keys as an array of strings, under the canonical attribute and no alias)
 * is recognised without allocating: the one {@link Matcher} is reset for each value. Anything else
 * takes the slow path, which folds aliases, splits {@code "REQ-A,REQ-B"}, and sets invalid values
 * aside. The value {@code untagged_value} is neither valid nor invalid: it marks a record an
 * earlier stage could not tag, so that this one tries again.
 *
 * <p>One per processor instance, used on the pipeline thread only; the result of the last
 * {@link #read} is left in its fields.
 */
final class KeyReader {

  private final String key;
  private final String[] aliases;
  private final Matcher matcher;
  private final String untagged;

  /** The canonical attribute's value as found, or null. */
  AnyValue present;
  /** The valid keys, in canonical form, or null when there are none. */
  AnyValue keys;
  /** The values that failed the pattern, or null. */
  AnyValue invalid;
  /** Some valid key came from an alias. */
  boolean fromAlias;
  /** The attributes must be rewritten whatever the keys: they hold an alias or a repeated key. */
  boolean fold;

  KeyReader(String key, List<String> aliases, Pattern pattern, String untagged) {
    this.key = key;
    this.aliases = aliases.toArray(String[]::new);
    this.matcher = pattern.matcher("");
    this.untagged = untagged;
  }

  /** Reads the keys of one attribute list into this reader's fields. */
  void read(List<KeyValue> attributes) {
    present = null;
    keys = null;
    invalid = null;
    fromAlias = false;
    fold = false;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue attribute = attributes.get(i);
      String name = attribute.getKey();
      if (name.equals(key)) {
        if (present == null) {
          present = attribute.getValue();
        } else {
          fold = true;
        }
      } else if (isAlias(name)) {
        fold = true;
      }
    }
    if (!fold) {
      if (present == null || isUntagged(present)) {
        return;
      }
      if (isCanonical(present)) {
        keys = present;
        return;
      }
    }
    readSlowly(attributes);
  }

  /** The valid keys in a text such as {@code "REQ-A, REQ-B"}, in canonical form, or null. */
  AnyValue keysIn(String text) {
    List<String> valid = new ArrayList<>(2);
    split(text, valid, new ArrayList<>(0));
    return valid.isEmpty() ? null : KeyValues.strings(valid);
  }

  /**
   * The keys a record gets from a rule or a metric definition that names {@code keys}: those that
   * are valid, as an attribute value, or null when none is. The others are told to {@code invalid}.
   */
  AnyValue validKeys(List<String> keys, Consumer<String> invalid) {
    List<String> valid = new ArrayList<>(keys.size());
    for (String candidate : keys) {
      if (valid(candidate)) {
        valid.add(candidate);
      } else {
        invalid.accept(candidate);
      }
    }
    return valid.isEmpty() ? null : KeyValues.strings(valid);
  }

  /** True when {@code candidate} is a key records may carry. */
  boolean valid(String candidate) {
    return !candidate.equals(untagged) && matcher.reset(candidate).matches();
  }

  /** True when {@code value} is the untagged marker. */
  boolean isUntagged(AnyValue value) {
    return value.getValueCase() == AnyValue.ValueCase.STRING_VALUE
        && value.getStringValue().equals(untagged);
  }

  private boolean isAlias(String name) {
    for (String alias : aliases) {
      if (name.equals(alias)) {
        return true;
      }
    }
    return false;
  }

  private boolean isCanonical(AnyValue value) {
    if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      return matcher.reset(value.getStringValue()).matches();
    }
    if (value.getValueCase() != AnyValue.ValueCase.ARRAY_VALUE) {
      return false;
    }
    List<AnyValue> items = value.getArrayValue().getValuesList();
    if (items.size() < 2) {
      return false;
    }
    for (int i = 0; i < items.size(); i++) {
      AnyValue item = items.get(i);
      if (item.getValueCase() != AnyValue.ValueCase.STRING_VALUE || !valid(item.getStringValue())) {
        return false;
      }
      for (int j = 0; j < i; j++) {
        if (items.get(j).getStringValue().equals(item.getStringValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private void readSlowly(List<KeyValue> attributes) {
    List<String> valid = new ArrayList<>(2);
    List<String> bad = new ArrayList<>(1);
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        collect(attribute.getValue(), valid, bad);
      }
    }
    int own = valid.size();
    for (String alias : aliases) {
      for (KeyValue attribute : attributes) {
        if (attribute.getKey().equals(alias)) {
          collect(attribute.getValue(), valid, bad);
        }
      }
    }
    fromAlias = valid.size() > own;
    keys = valid.isEmpty() ? null : KeyValues.strings(valid);
    invalid = bad.isEmpty() ? null : KeyValues.strings(bad);
  }

  private void collect(AnyValue value, List<String> valid, List<String> bad) {
    switch (value.getValueCase()) {
      case STRING_VALUE -> split(value.getStringValue(), valid, bad);
      case ARRAY_VALUE -> {
        for (AnyValue item : value.getArrayValue().getValuesList()) {
          if (item.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
            split(item.getStringValue(), valid, bad);
          } else if (item.getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET) {
            addOnce(bad, KeyValues.asString(item));
          }
        }
      }
      case VALUE_NOT_SET -> { }
      default -> addOnce(bad, KeyValues.asString(value));
    }
  }

  private void split(String text, List<String> valid, List<String> bad) {
    for (String part : ReqKeys.split(text)) {
      if (!part.equals(untagged)) {
        addOnce(matcher.reset(part).matches() ? valid : bad, part);
      }
    }
  }

  private static void addOnce(List<String> into, String value) {
    if (!into.contains(value)) {
      into.add(value);
    }
  }
}
