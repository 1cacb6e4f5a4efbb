package io.homeostat.processor.attributes;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.processor.attributes.ActionConfig.Action;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * {@code insert}, {@code update} and {@code upsert}: sets {@code key} to a fixed value or to the
 * value of another attribute, where the action's condition on {@code key} holds. Setting the
 * value an attribute already has changes nothing.
 */
final class SetAction implements AttributeAction {

  private final String key;
  private final Action action;
  private final AnyValue literal;
  private final String fromAttribute;

  SetAction(String key, Action action, AnyValue literal, String fromAttribute) {
    this.key = key;
    this.action = action;
    this.literal = literal;
    this.fromAttribute = fromAttribute;
  }

  @Override
  public List<KeyValue> apply(List<KeyValue> attributes) {
    AnyValue value = literal != null ? literal : KeyValues.get(attributes, fromAttribute);
    if (value == null) {
      return attributes;
    }
    AnyValue present = KeyValues.get(attributes, key);
    boolean applies = present == null ? action != Action.UPDATE : action != Action.INSERT;
    return applies && !value.equals(present) ? KeyValues.put(attributes, key, value) : attributes;
  }
}
