package io.homeostat.core.otlp;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON view of one message type: its fields in declaration order and a lookup by both JSON
 * names (lowerCamelCase and the proto's snake_case). Built once per type and shared; Jackson
 * canonicalizes field names, so a lookup costs a hash probe and no allocation.
 */
final class MessageTable {

  /** How a message type is written in proto3 JSON. */
  enum Form {
    OBJECT,
    ANY,
    DURATION,
    TIMESTAMP
  }

  /** Keyed by descriptor identity; holds every type the process encodes or decodes, a fixed set. */
  private static final Map<Descriptor, MessageTable> TABLES = new ConcurrentHashMap<>();

  private final Descriptor descriptor;
  private final Form form;
  private final JsonField[] fields;
  private final Map<String, JsonField> byName;

  private MessageTable(Descriptor descriptor) {
    this.descriptor = descriptor;
    this.form = formOf(descriptor.getFullName());
    List<FieldDescriptor> declared = descriptor.getFields();
    this.fields = new JsonField[declared.size()];
    this.byName = new HashMap<>(declared.size() * 4);
    for (FieldDescriptor field : declared) {
      JsonField json = new JsonField(field);
      fields[field.getIndex()] = json;
      // Jackson interns the names it reads, so interned keys match by identity, without equals().
      byName.put(field.getJsonName().intern(), json);
      byName.put(field.getName().intern(), json);
    }
  }

  static MessageTable of(Descriptor descriptor) {
    MessageTable table = TABLES.get(descriptor);
    return table != null ? table : TABLES.computeIfAbsent(descriptor, MessageTable::new);
  }

  private static Form formOf(String fullName) {
    return switch (fullName) {
      case "google.protobuf.Any" -> Form.ANY;
      case "google.protobuf.Duration" -> Form.DURATION;
      case "google.protobuf.Timestamp" -> Form.TIMESTAMP;
      default -> Form.OBJECT;
    };
  }

  Descriptor descriptor() {
    return descriptor;
  }

  Form form() {
    return form;
  }

  /** All fields, in declaration order. */
  JsonField[] fields() {
    return fields;
  }

  /** The field named {@code jsonKey} in either spelling, or null for a field this type does not have. */
  JsonField field(String jsonKey) {
    return byName.get(jsonKey);
  }

  JsonField field(FieldDescriptor descriptor) {
    return fields[descriptor.getIndex()];
  }
}
