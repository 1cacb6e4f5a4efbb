package io.homeostat.homeostasis.engine;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.homeostasis.target.Selector;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * A ratio's selector, compiled: its attribute values parsed once into the types OTLP may carry
 * them as, so that matching a point or span compares without printing numbers to text.
 */
final class SelectorMatch {

  private final Selector selector;
  private final String[] keys;
  private final Expected[] expected;

  SelectorMatch(Selector selector) {
    this.selector = selector;
    this.keys = selector.attributes().keySet().toArray(String[]::new);
    this.expected = new Expected[keys.length];
    for (int i = 0; i < keys.length; i++) {
      expected[i] = Expected.of(selector.attributes().get(keys[i]));
    }
  }

  String name() {
    return selector.name();
  }

  /** A point of metric {@code metric} with these attributes. */
  boolean matches(String metric, List<KeyValue> attributes) {
    return selector.name().equals(metric) && attributesMatch(attributes);
  }

  /** A span, by name, status and attributes. */
  boolean matches(Span span) {
    if (!selector.name().equals(span.getName()) || !attributesMatch(span.getAttributesList())) {
      return false;
    }
    return switch (selector.status()) {
      case ANY -> true;
      case OK -> !Spans.failed(span);
      case ERROR -> Spans.failed(span);
    };
  }

  private boolean attributesMatch(List<KeyValue> attributes) {
    for (int i = 0; i < keys.length; i++) {
      AnyValue value = KeyValues.get(attributes, keys[i]);
      if (value == null || !expected[i].matches(value)) {
        return false;
      }
    }
    return true;
  }

  /** An expected value as text, and as a number or boolean where the text is one. */
  private record Expected(String text, Long whole, Double number, Boolean bool) {
    static Expected of(String text) {
      Long whole = null;
      Double number = null;
      try {
        whole = Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        // not a whole number: compared as text or a decimal
      }
      try {
        number = Double.parseDouble(text.strip());
      } catch (NumberFormatException e) {
        // not a number: compared as text
      }
      Boolean bool = text.equalsIgnoreCase("true") ? Boolean.TRUE
          : text.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      return new Expected(text, whole, number, bool);
    }

    boolean matches(AnyValue value) {
      return switch (value.getValueCase()) {
        case STRING_VALUE -> text.equals(value.getStringValue());
        case INT_VALUE -> whole != null && whole == value.getIntValue();
        case DOUBLE_VALUE -> number != null && number == value.getDoubleValue();
        case BOOL_VALUE -> bool != null && bool == value.getBoolValue();
        default -> text.equals(KeyValues.asString(value));
      };
    }
  }
}
