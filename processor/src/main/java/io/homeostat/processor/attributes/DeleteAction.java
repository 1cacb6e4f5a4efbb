package io.homeostat.processor.attributes;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/** {@code delete}: removes the attributes it names. */
final class DeleteAction implements AttributeAction {

  private final AttributeNames names;

  DeleteAction(AttributeNames names) {
    this.names = names;
  }

  @Override
  public List<KeyValue> apply(List<KeyValue> attributes) {
    List<KeyValue> kept = null;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue attribute = attributes.get(i);
      boolean delete = names.selects(attribute.getKey());
      if (kept == null && delete) {
        kept = new ArrayList<>(attributes.subList(0, i));
      } else if (kept != null && !delete) {
        kept.add(attribute);
      }
    }
    return kept == null ? attributes : kept;
  }
}
