package io.homeostat.core.otlp;

import com.fasterxml.jackson.core.io.SerializedString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Set;

/** How one protobuf field maps to OTLP/JSON, worked out once per field. */
final class JsonField {

  /** The JSON form of a field's values. */
  enum Kind {
    INT32("int32"),
    UINT32("uint32"),
    INT64("int64"),
    UINT64("uint64"),
    FLOAT("float"),
    DOUBLE("double"),
    BOOL("bool"),
    STRING("string"),
    BYTES("bytes"),
    TRACE_ID("trace id"),
    SPAN_ID("span id"),
    ENUM("enum"),
    MESSAGE("message");

    final String protoName;

    Kind(String protoName) {
      this.protoName = protoName;
    }
  }

  /** OTLP's bytes fields that OTLP/JSON writes as hex rather than base64. */
  private static final Set<String> SPAN_ID_NAMES = Set.of("span_id", "parent_span_id");
  private static final String OTLP_PACKAGE_PREFIX = "opentelemetry.proto.";

  private final FieldDescriptor descriptor;
  private final Kind kind;
  private final SerializedString key;
  private final Object defaultValue;
  private final boolean repeated;
  private final boolean presence;
  private final OneofDescriptor oneof;
  private final boolean leadsOneof;
  private final JsonField mapKey;
  private final JsonField mapValue;
  /** Resolved on first use: message types may contain themselves (AnyValue holds KeyValueList). */
  private MessageTable messageTable;

  JsonField(FieldDescriptor descriptor) {
    this.descriptor = descriptor;
    this.kind = kindOf(descriptor);
    this.key = new SerializedString(descriptor.getJsonName());
    this.defaultValue = descriptor.isRepeated() || kind == Kind.MESSAGE ? null : descriptor.getDefaultValue();
    this.repeated = descriptor.isRepeated();
    this.presence = descriptor.hasPresence();
    this.oneof = descriptor.getRealContainingOneof();
    this.leadsOneof = oneof != null && oneof.getField(0) == descriptor;
    if (descriptor.isMapField()) {
      this.mapKey = new JsonField(descriptor.getMessageType().findFieldByNumber(1));
      this.mapValue = new JsonField(descriptor.getMessageType().findFieldByNumber(2));
    } else {
      this.mapKey = null;
      this.mapValue = null;
    }
  }

  private static Kind kindOf(FieldDescriptor field) {
    return switch (field.getType()) {
      case INT32, SINT32, SFIXED32 -> Kind.INT32;
      case UINT32, FIXED32 -> Kind.UINT32;
      case INT64, SINT64, SFIXED64 -> Kind.INT64;
      case UINT64, FIXED64 -> Kind.UINT64;
      case FLOAT -> Kind.FLOAT;
      case DOUBLE -> Kind.DOUBLE;
      case BOOL -> Kind.BOOL;
      case STRING -> Kind.STRING;
      case BYTES -> idKind(field);
      case ENUM -> Kind.ENUM;
      case MESSAGE, GROUP -> Kind.MESSAGE;
    };
  }

  private static Kind idKind(FieldDescriptor field) {
    if (!field.getContainingType().getFullName().startsWith(OTLP_PACKAGE_PREFIX)) {
      return Kind.BYTES;
    }
    if (field.getName().equals("trace_id")) {
      return Kind.TRACE_ID;
    }
    return SPAN_ID_NAMES.contains(field.getName()) ? Kind.SPAN_ID : Kind.BYTES;
  }

  FieldDescriptor descriptor() {
    return descriptor;
  }

  Kind kind() {
    return kind;
  }

  /** The lowerCamelCase key written on output. */
  SerializedString key() {
    return key;
  }

  /** The value an implicit-presence scalar field holds when unset; null for lists and messages. */
  Object defaultValue() {
    return defaultValue;
  }

  /** Whether this is a list or a map. */
  boolean isRepeated() {
    return repeated;
  }

  /** Whether the field tells "unset" from its default value: messages, oneofs, proto3 {@code optional}. */
  boolean hasPresence() {
    return presence;
  }

  /** The oneof this field belongs to, or null (proto3 {@code optional} fields have presence of their own). */
  OneofDescriptor oneof() {
    return oneof;
  }

  /** Whether this is the first field of its oneof, where the writer handles the whole oneof. */
  boolean leadsOneof() {
    return leadsOneof;
  }

  boolean isMap() {
    return mapKey != null;
  }

  JsonField mapKey() {
    return mapKey;
  }

  JsonField mapValue() {
    return mapValue;
  }

  /** Byte length of a hex id field: 16 for trace ids, 8 for span ids. */
  int idLength() {
    return kind == Kind.TRACE_ID ? 16 : 8;
  }

  MessageTable messageTable() {
    MessageTable table = messageTable;
    if (table == null) {
      // A benign race: every thread resolves the same cached, immutable table.
      table = MessageTable.of(descriptor.getMessageType());
      messageTable = table;
    }
    return table;
  }
}
