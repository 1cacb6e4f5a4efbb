package io.homeostat.core.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.JsonField.Kind;
import io.homeostat.core.otlp.MessageTable.Form;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one OTLP/JSON value into a protobuf builder, streaming: Jackson's tokens drive the
 * message's {@link MessageTable}, values go into builders through protobuf reflection, and nothing
 * is allocated per field beyond the values themselves (ids and decimal strings are read from
 * Jackson's char buffer). One instance reads one input.
 *
 * <p>Lenient where the OTLP spec and the Collector are (unknown fields, both key spellings,
 * integers as strings or numbers, enums as numbers or names, null as the default); strict about
 * everything else, and every error names the JSON path and position.
 */
final class ProtoJsonReader {

  /** Deepest message nesting accepted, as protobuf's own parsers limit it. */
  private static final int MAX_DEPTH = 100;
  private static final String TYPE_KEY = "@type";
  private static final String VALUE_KEY = "value";
  /** Jackson's note that it does not quote the input, inside positions it names in its messages. */
  private static final Pattern SOURCE_DESCRIPTION = Pattern.compile("\\[Source: [^;\\]]*; ");

  private final JsonFactory factory;
  private final JsonPath path = new JsonPath();
  private JsonParser parser;
  private int depth;
  /** Where errors point while reading an Any whose "@type" came after its other members. */
  private JsonLocation parkedAt;

  ProtoJsonReader(JsonFactory factory) {
    this.factory = factory;
  }

  /** Reads the input's single top-level value into {@code builder}. */
  Message read(InputStream json, Message.Builder builder) throws OtlpJsonException {
    try (JsonParser input = factory.createParser(json)) {
      parser = input;
      MessageTable table = MessageTable.of(builder.getDescriptorForType());
      Message message = readMessage(table, builder, parser.nextToken());
      JsonToken extra = parser.nextToken();
      if (extra != null) {
        throw error("expected the end of input after the top-level value, got " + describe(extra));
      }
      return message;
    } catch (OtlpJsonException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw malformed(e.getOriginalMessage(), e.getLocation(), e);
    } catch (CharConversionException e) {
      throw malformed(e.getMessage(), null, e);
    } catch (IOException e) {
      throw new OtlpJsonException(path.toString(), "cannot read the input: " + e.getMessage(), -1, -1, e);
    }
  }

  private Message readMessage(MessageTable table, Message.Builder builder, JsonToken token) throws IOException {
    if (++depth > MAX_DEPTH) {
      throw error("messages nested more than " + MAX_DEPTH + " deep");
    }
    switch (table.form()) {
      case OBJECT -> {
        expectObject(table, token);
        readFields(table, builder);
      }
      case ANY -> {
        expectObject(table, token);
        readAny(builder);
      }
      case DURATION -> builder.mergeFrom(readTimeString(token, ProtoTime::parseDuration, "a duration like \"1.5s\""));
      case TIMESTAMP -> builder.mergeFrom(readTimeString(token, ProtoTime::parseTimestamp,
          "an RFC 3339 timestamp like \"1972-01-01T10:00:20.021Z\""));
    }
    depth--;
    // buildPartial: proto3 has no required fields, and a proto2 type's missing ones are no JSON error.
    return builder.buildPartial();
  }

  /** A Duration or Timestamp from its string; {@code parse} returns null for text that is not one. */
  private Message readTimeString(JsonToken token, Function<String, Message> parse, String expected) throws IOException {
    Message value = token == JsonToken.VALUE_STRING ? parse.apply(parser.getText()) : null;
    if (value == null) {
      throw error("expected " + expected + ", got " + describe(token));
    }
    return value;
  }

  private void expectObject(MessageTable table, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw error("expected an object (" + table.descriptor().getFullName() + "), got " + describe(token));
    }
  }

  /** Reads the members of the current object up to its end, skipping those the type does not have. */
  private void readFields(MessageTable table, Message.Builder builder) throws IOException {
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken token = parser.nextToken();
      JsonField field = table.field(name);
      if (field == null) {
        parser.skipChildren();
      } else if (token != JsonToken.VALUE_NULL) {
        path.pushField(name);
        readField(field, builder, token);
        path.pop();
      }
    }
  }

  private void readField(JsonField field, Message.Builder builder, JsonToken token) throws IOException {
    FieldDescriptor descriptor = field.descriptor();
    if (field.isMap()) {
      readMap(field, builder, token);
    } else if (field.isRepeated()) {
      if (token != JsonToken.START_ARRAY) {
        throw error("expected an array, got " + describe(token));
      }
      int index = 0;
      for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
        path.pushIndex(index++);
        builder.addRepeatedField(descriptor, readValue(field, builder, element));
        path.pop();
      }
    } else {
      builder.setField(descriptor, readValue(field, builder, token));
    }
  }

  private void readMap(JsonField field, Message.Builder builder, JsonToken token) throws IOException {
    if (token != JsonToken.START_OBJECT) {
      throw error("expected an object (a map), got " + describe(token));
    }
    FieldDescriptor descriptor = field.descriptor();
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      path.pushMapKey(key);
      Message.Builder entry = builder.newBuilderForField(descriptor);
      try {
        // Before the value token, so that an error points at the key.
        entry.setField(field.mapKey().descriptor(), JsonScalars.mapKey(field.mapKey(), key));
      } catch (JsonScalars.BadValue e) {
        throw error(e.getMessage());
      }
      entry.setField(field.mapValue().descriptor(), readValue(field.mapValue(), entry, parser.nextToken()));
      builder.addRepeatedField(descriptor, entry.build());
      path.pop();
    }
  }

  /** One value of {@code field}; {@code builder} is the message it goes into. */
  private Object readValue(JsonField field, Message.Builder builder, JsonToken token) throws IOException {
    if (field.kind() == Kind.MESSAGE) {
      return readMessage(field.messageTable(), builder.newBuilderForField(field.descriptor()), token);
    }
    try {
      return JsonScalars.read(field, parser, token);
    } catch (JsonScalars.BadValue e) {
      throw error(e.getMessage());
    }
  }

  /** Reads an Any's members after its START_OBJECT, resolving "@type" wherever it stands. */
  private void readAny(Message.Builder any) throws IOException {
    String name = parser.nextFieldName();
    if (name == null) {
      return;
    }
    if (name.equals(TYPE_KEY)) {
      readAnyValue(any, readTypeUrl());
      return;
    }
    // "@type" is not first, which proto3 JSON allows: park the other members until it turns up.
    String typeUrl = null;
    ByteArrayOutputStream parked = new ByteArrayOutputStream();
    try (JsonGenerator out = factory.createGenerator(parked)) {
      out.writeStartObject();
      for (; name != null; name = parser.nextFieldName()) {
        if (name.equals(TYPE_KEY)) {
          typeUrl = readTypeUrl();
        } else {
          out.writeFieldName(name);
          parser.nextToken();
          out.copyCurrentStructure(parser);
        }
      }
      out.writeEndObject();
    }
    if (typeUrl == null) {
      throw error("expected \"@type\" in a google.protobuf.Any that has members");
    }
    JsonParser outer = parser;
    JsonLocation outerParkedAt = parkedAt;
    parkedAt = outer.currentTokenLocation();
    try (JsonParser members = factory.createParser(parked.toByteArray())) {
      parser = members;
      parser.nextToken();
      readAnyValue(any, typeUrl);
    } finally {
      parser = outer;
      parkedAt = outerParkedAt;
    }
  }

  private String readTypeUrl() throws IOException {
    path.pushField(TYPE_KEY);
    JsonToken token = parser.nextToken();
    String typeUrl = token == JsonToken.VALUE_STRING ? parser.getText() : null;
    if (typeUrl == null || AnyTypes.find(typeUrl) == null) {
      throw error("expected the type URL of google.rpc.Status or one of its error details, such as "
          + "\"type.googleapis.com/google.rpc.RetryInfo\", got " + describe(token));
    }
    path.pop();
    return typeUrl;
  }

  /** Reads the rest of an Any's members as the message {@code typeUrl} names and packs it. */
  private void readAnyValue(Message.Builder any, String typeUrl) throws IOException {
    MessageTable packed = MessageTable.of(AnyTypes.find(typeUrl));
    DynamicMessage.Builder value = DynamicMessage.newBuilder(packed.descriptor());
    if (packed.form() == Form.OBJECT) {
      readFields(packed, value);
    } else {
      // Types with a JSON form of their own (Duration, ...) sit under "value".
      for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
        JsonToken token = parser.nextToken();
        if (!name.equals(VALUE_KEY) || token == JsonToken.VALUE_NULL) {
          parser.skipChildren();
        } else {
          path.pushField(VALUE_KEY);
          readMessage(packed, value, token);
          path.pop();
        }
      }
    }
    any.setField(any.getDescriptorForType().findFieldByNumber(AnyTypes.TYPE_URL_NUMBER), typeUrl);
    any.setField(any.getDescriptorForType().findFieldByNumber(AnyTypes.VALUE_NUMBER), value.build().toByteString());
  }

  private String describe(JsonToken token) throws IOException {
    return JsonScalars.describe(parser, token);
  }

  private OtlpJsonException error(String reason) {
    JsonLocation at = parkedAt != null ? parkedAt : parser.currentTokenLocation();
    return new OtlpJsonException(path.toString(), reason, at.getLineNr(), at.getColumnNr(), null);
  }

  private OtlpJsonException malformed(String detail, JsonLocation location, Exception cause) {
    JsonLocation at = location != null ? location : parser != null ? parser.currentLocation() : JsonLocation.NA;
    String reason = "malformed JSON: " + SOURCE_DESCRIPTION.matcher(String.valueOf(detail)).replaceAll("[");
    return new OtlpJsonException(path.toString(), reason, at.getLineNr(), at.getColumnNr(), cause);
  }
}
