package io.homeostat.processor.attributes;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One action on an attribute list, as the OpenTelemetry Collector's attributes and resource
 * processors write it. Actions run in the order written, each on what the previous one left.
 *
 * @param key the attribute acted on (for {@code extract}: the one whose value is read)
 * @param action what to do, in any case: {@code insert}, {@code update}, {@code upsert},
 *     {@code delete}, {@code hash}, {@code extract} or {@code convert}
 * @param value the value set by {@code insert}, {@code update} and {@code upsert}: text, a number
 *     or a boolean, typed as YAML reads it ({@code 42} is a number, {@code "42"} text)
 * @param fromAttribute instead of {@code value}: the attribute of the same record to copy
 * @param pattern for {@code delete} and {@code hash}: a regular expression found in the names of
 *     the attributes to act on; for {@code extract}: the expression whose named groups become
 *     attributes
 * @param convertedType for {@code convert}: {@code int}, {@code double} or {@code string}
 */
public record ActionConfig(String key, String action, ConfigNode value, String fromAttribute,
    String pattern, String convertedType) implements Validatable {

  /** What an action does; the Collector's names. */
  public enum Action {
    /** Sets the attribute where it is absent. */
    INSERT,
    /** Sets the attribute where it is present. */
    UPDATE,
    /** Sets the attribute. */
    UPSERT,
    /** Removes the attribute and every attribute whose name {@code pattern} finds. */
    DELETE,
    /** Replaces the value with the hex SHA-256 of its bytes. */
    HASH,
    /** Sets an attribute per named group of {@code pattern} found in the value of {@code key}. */
    EXTRACT,
    /** Changes the value's type, where the value reads as that type. */
    CONVERT
  }

  /** The types {@code convert} converts to. */
  public enum ConvertedType { INT, DOUBLE, STRING }

  /** The action named by {@code action}, or null. */
  Action actionType() {
    return named(Action.class, action);
  }

  /** The type named by {@code converted_type}, or null. */
  ConvertedType targetType() {
    return named(ConvertedType.class, convertedType);
  }

  /*
   * Names are read here rather than bound as enums, so that a misspelt action is reported once,
   * as unknown, and not a second time as missing.
   */
  private static <E extends Enum<E>> E named(Class<E> type, String name) {
    if (name == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(name.strip())) {
        return constant;
      }
    }
    return null;
  }

  /** The value to set, typed as YAML read it; null when there is none or it cannot be read. */
  AnyValue literal() {
    if (!(value instanceof ScalarNode scalar) || scalar.isNull()) {
      return null;
    }
    String text = scalar.value();
    return switch (scalar.type()) {
      case NUMBER -> number(text);
      // The binder takes only true and false as booleans; YAML 1.2 and the Collector read yes
      // and on as text, so they stay text here too.
      case BOOLEAN -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
          ? AnyValue.newBuilder().setBoolValue(Boolean.parseBoolean(text)).build()
          : KeyValues.string(text);
      case TEXT, NULL -> KeyValues.string(text);
    };
  }

  private static AnyValue number(String text) {
    try {
      return AnyValue.newBuilder().setIntValue(Long.parseLong(text)).build();
    } catch (NumberFormatException notWhole) {
      try {
        return AnyValue.newBuilder().setDoubleValue(Double.parseDouble(text)).build();
      } catch (NumberFormatException notDecimal) {
        return null;
      }
    }
  }

  private boolean hasValue() {
    return value != null && !(value instanceof ScalarNode scalar && scalar.isNull());
  }

  @Override
  public void validate(Violations violations) {
    Action type = actionType();
    if (type == null) {
      violations.add("action", (action == null ? "is required" : "unknown action '" + action + "'")
          + ": use insert, update, upsert, delete, hash, extract or convert");
      return;
    }
    String name = type.name().toLowerCase(Locale.ROOT);
    switch (type) {
      case INSERT, UPDATE, UPSERT -> {
        requireKey(violations, name, "the attribute to set");
        if (!hasValue() && fromAttribute == null) {
          violations.add("set value or from_attribute for action '" + name
              + "': where the attribute's value comes from");
        } else if (hasValue() && fromAttribute != null) {
          violations.add("from_attribute", "cannot be used together with value: keep one of the two");
        }
        checkValue(violations);
        unused(violations, name, "pattern", pattern != null);
        unused(violations, name, "converted_type", convertedType != null);
      }
      case DELETE, HASH -> {
        if (key == null && pattern == null) {
          violations.add("set key, pattern or both for action '" + name + "': the attribute, or a"
              + " regular expression found in the names of the attributes to " + name);
        }
        if (pattern != null) {
          try {
            Pattern.compile(pattern);
          } catch (PatternSyntaxException e) {
            violations.add("pattern", "invalid regular expression '" + pattern + "': "
                + e.getDescription());
          }
        }
        unused(violations, name, "value", hasValue());
        unused(violations, name, "from_attribute", fromAttribute != null);
        unused(violations, name, "converted_type", convertedType != null);
      }
      case EXTRACT -> {
        requireKey(violations, name, "the attribute whose value the pattern reads");
        if (pattern == null) {
          violations.add("pattern", "is required for action 'extract': a regular expression whose"
              + " named groups become attributes, such as ^(?<url_scheme>\\w+)://(?<url_host>[^/]+)");
        } else {
          try {
            NamedGroups.compile(pattern);
          } catch (IllegalArgumentException e) {
            violations.add("pattern", e.getMessage());
          }
        }
        unused(violations, name, "value", hasValue());
        unused(violations, name, "from_attribute", fromAttribute != null);
        unused(violations, name, "converted_type", convertedType != null);
      }
      case CONVERT -> {
        requireKey(violations, name, "the attribute to convert");
        if (targetType() == null) {
          violations.add("converted_type", (convertedType == null
              ? "is required for action 'convert'" : "unknown type '" + convertedType + "'")
              + ": use int, double or string");
        }
        unused(violations, name, "value", hasValue());
        unused(violations, name, "from_attribute", fromAttribute != null);
        unused(violations, name, "pattern", pattern != null);
      }
    }
  }

  private void requireKey(Violations violations, String action, String what) {
    if (key == null) {
      violations.add("key", "is required for action '" + action + "': " + what);
    }
  }

  private void checkValue(Violations violations) {
    if (!hasValue()) {
      return;
    }
    if (!(value instanceof ScalarNode scalar)) {
      violations.add("value", "expected text, a number or a boolean, found " + value.describe());
    } else if (literal() == null) {
      violations.add("value", "cannot read '" + scalar.value() + "' as a number: write it in"
          + " decimal, or quote it to keep it as text");
    }
  }

  private static void unused(Violations violations, String action, String key, boolean set) {
    if (set) {
      violations.add(key, "is not used by action '" + action + "': remove it");
    }
  }
}
