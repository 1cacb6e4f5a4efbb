package io.homeostat.processor.attributes;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.processor.attributes.ActionConfig.ConvertedType;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code convert}: changes the type of {@code key}'s value as the Collector does. To {@code int}:
 * doubles are truncated, booleans are 1 or 0, text is read as a decimal whole number. To
 * {@code double}: integers and booleans as numbers, text as a decimal number. To {@code string}:
 * the value's text. A value that does not read as the type is left as it is.
 */
final class ConvertAction implements AttributeAction {

  /** Checked before parsing, so that text which is no number costs no exception. */
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]{1,19}");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

  private final String key;
  private final ConvertedType type;
  private final Matcher whole = WHOLE.matcher("");
  private final Matcher decimal = DECIMAL.matcher("");

  ConvertAction(String key, ConvertedType type) {
    this.key = key;
    this.type = type;
  }

  @Override
  public List<KeyValue> apply(List<KeyValue> attributes) {
    AnyValue value = KeyValues.get(attributes, key);
    AnyValue converted = value == null ? null : convert(value);
    return converted == null ? attributes : KeyValues.put(attributes, key, converted);
  }

  /** The converted value, or null when it already has the type or does not read as it. */
  private AnyValue convert(AnyValue value) {
    AnyValue.ValueCase from = value.getValueCase();
    return switch (type) {
      case INT -> switch (from) {
        case DOUBLE_VALUE -> integer((long) value.getDoubleValue());
        case BOOL_VALUE -> integer(value.getBoolValue() ? 1 : 0);
        case STRING_VALUE -> whole.reset(value.getStringValue()).matches()
            ? parseWhole(value.getStringValue()) : null;
        default -> null;
      };
      case DOUBLE -> switch (from) {
        case INT_VALUE -> decimal(value.getIntValue());
        case BOOL_VALUE -> decimal(value.getBoolValue() ? 1 : 0);
        case STRING_VALUE -> decimal.reset(value.getStringValue()).matches()
            ? decimal(Double.parseDouble(value.getStringValue())) : null;
        default -> null;
      };
      case STRING -> from == AnyValue.ValueCase.STRING_VALUE ? null
          : KeyValues.string(KeyValues.asString(value));
    };
  }

  private static AnyValue parseWhole(String text) {
    try {
      return integer(Long.parseLong(text));
    } catch (NumberFormatException outOfRange) {
      return null;
    }
  }

  private static AnyValue integer(long value) {
    return AnyValue.newBuilder().setIntValue(value).build();
  }

  private static AnyValue decimal(double value) {
    return AnyValue.newBuilder().setDoubleValue(value).build();
  }
}
