package io.homeostat.core.otlp;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.homeostat.core.otlp.MessageTable.Form;
import java.io.IOException;
import java.util.List;

/**
 * Writes a protobuf message as compact OTLP/JSON by walking its {@link MessageTable}: set fields
 * only (no defaults, no empty lists), lowerCamelCase keys pre-encoded once per type, hex ids,
 * 64-bit integers as decimal strings, enums as numbers. Ids and decimals go through a scratch
 * buffer, so a span costs no garbage beyond what protobuf reflection boxes.
 */
final class ProtoJsonWriter {

  private static final String TYPE_KEY = "@type";
  private static final String VALUE_KEY = "value";

  /** Hex digits of a 16-byte trace id, the longest id OTLP has. */
  private static final int TRACE_ID_CHARS = 32;

  private final JsonGenerator out;
  /** Room for a trace id in hex and for any 64-bit decimal. */
  private final char[] scratch = new char[Math.max(TRACE_ID_CHARS, Decimals.MAX_CHARS)];

  ProtoJsonWriter(JsonGenerator out) {
    this.out = out;
  }

  void write(MessageOrBuilder message) throws IOException {
    writeMessage(MessageTable.of(message.getDescriptorForType()), message);
  }

  private void writeMessage(MessageTable table, MessageOrBuilder message) throws IOException {
    switch (table.form()) {
      case OBJECT -> {
        out.writeStartObject();
        writeFields(table, message);
        out.writeEndObject();
      }
      case ANY -> writeAny(table.descriptor(), message);
      case DURATION -> out.writeString(ProtoTime.formatDuration(seconds(table, message), nanos(table, message)));
      case TIMESTAMP -> out.writeString(ProtoTime.formatTimestamp(seconds(table, message), nanos(table, message)));
    }
  }

  private static long seconds(MessageTable table, MessageOrBuilder message) {
    return (Long) message.getField(table.descriptor().findFieldByName("seconds"));
  }

  private static int nanos(MessageTable table, MessageOrBuilder message) {
    return (Integer) message.getField(table.descriptor().findFieldByName("nanos"));
  }

  private void writeFields(MessageTable table, MessageOrBuilder message) throws IOException {
    for (JsonField field : table.fields()) {
      FieldDescriptor descriptor = field.descriptor();
      if (field.oneof() != null) {
        // One look-up per oneof rather than one per member.
        if (field.leadsOneof()) {
          FieldDescriptor set = message.getOneofFieldDescriptor(field.oneof());
          if (set != null) {
            writeField(table.field(set), message.getField(set));
          }
        }
      } else if (field.isRepeated()) {
        List<?> values = (List<?>) message.getField(descriptor);
        if (!values.isEmpty()) {
          writeField(field, values);
        }
      } else if (field.hasPresence()) {
        if (message.hasField(descriptor)) {
          writeField(field, message.getField(descriptor));
        }
      } else {
        Object value = message.getField(descriptor);
        // equals() compares doubles by bits, so -0.0 is written as the binary format keeps it.
        if (!value.equals(field.defaultValue())) {
          writeField(field, value);
        }
      }
    }
  }

  private void writeField(JsonField field, Object value) throws IOException {
    out.writeFieldName(field.key());
    if (field.isMap()) {
      writeMap(field, (List<?>) value);
    } else if (field.isRepeated()) {
      List<?> values = (List<?>) value;
      out.writeStartArray();
      for (int i = 0; i < values.size(); i++) {
        writeValue(field, values.get(i));
      }
      out.writeEndArray();
    } else {
      writeValue(field, value);
    }
  }

  private void writeMap(JsonField field, List<?> entries) throws IOException {
    JsonField key = field.mapKey();
    JsonField value = field.mapValue();
    out.writeStartObject();
    for (int i = 0; i < entries.size(); i++) {
      Message entry = (Message) entries.get(i);
      Object keyValue = entry.getField(key.descriptor());
      out.writeFieldName(switch (key.kind()) {
        case UINT32 -> Integer.toUnsignedString((Integer) keyValue);
        case UINT64 -> Long.toUnsignedString((Long) keyValue);
        default -> keyValue.toString();
      });
      writeValue(value, entry.getField(value.descriptor()));
    }
    out.writeEndObject();
  }

  private void writeValue(JsonField field, Object value) throws IOException {
    switch (field.kind()) {
      case INT32 -> out.writeNumber((int) (Integer) value);
      case UINT32 -> out.writeNumber(Integer.toUnsignedLong((Integer) value));
      case INT64 -> writeDecimal((Long) value, false);
      case UINT64 -> writeDecimal((Long) value, true);
      case FLOAT -> writeFloat((Float) value);
      case DOUBLE -> writeDouble((Double) value);
      case BOOL -> out.writeBoolean((Boolean) value);
      case STRING -> out.writeString((String) value);
      case BYTES -> {
        byte[] bytes = ((ByteString) value).toByteArray();
        out.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, bytes, 0, bytes.length);
      }
      case TRACE_ID, SPAN_ID -> writeHex((ByteString) value);
      case ENUM -> out.writeNumber(((EnumValueDescriptor) value).getNumber());
      case MESSAGE -> writeMessage(field.messageTable(), (MessageOrBuilder) value);
    }
  }

  private void writeDecimal(long value, boolean unsigned) throws IOException {
    int start = Decimals.format(value, unsigned, scratch);
    out.writeString(scratch, start, scratch.length - start);
  }

  private void writeHex(ByteString id) throws IOException {
    int length = 2 * id.size();
    char[] chars = length <= scratch.length ? scratch : new char[length];
    HexIds.encode(id, chars);
    out.writeString(chars, 0, length);
  }

  private void writeDouble(double value) throws IOException {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      out.writeString(nonFinite(value));
    } else {
      out.writeNumber(value);
    }
  }

  private void writeFloat(float value) throws IOException {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      out.writeString(nonFinite(value));
    } else {
      out.writeNumber(value);
    }
  }

  private static String nonFinite(double value) {
    return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }

  /** {@code {"@type": url, ...the packed message's fields}}, or its JSON form under "value". */
  private void writeAny(Descriptor anyType, MessageOrBuilder any) throws IOException {
    String typeUrl = (String) any.getField(anyType.findFieldByNumber(AnyTypes.TYPE_URL_NUMBER));
    ByteString bytes = (ByteString) any.getField(anyType.findFieldByNumber(AnyTypes.VALUE_NUMBER));
    out.writeStartObject();
    if (!typeUrl.isEmpty() || !bytes.isEmpty()) {
      Descriptor type = AnyTypes.find(typeUrl);
      if (type == null) {
        throw new IllegalArgumentException("cannot write a google.protobuf.Any holding \"" + typeUrl
            + "\" as JSON: only google.rpc.Status and its error details are known");
      }
      DynamicMessage value;
      try {
        value = DynamicMessage.parseFrom(type, bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("google.protobuf.Any value is not a valid " + type.getFullName(), e);
      }
      out.writeStringField(TYPE_KEY, typeUrl);
      MessageTable packed = MessageTable.of(type);
      if (packed.form() == Form.OBJECT) {
        writeFields(packed, value);
      } else {
        out.writeFieldName(VALUE_KEY);
        writeMessage(packed, value);
      }
    }
    out.writeEndObject();
  }
}
