package io.homeostat.core.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.homeostat.core.otlp.JsonField.Kind;
import io.homeostat.core.otlp.MessageTable.Form;
import java.io.ByteArrayOutputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

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
  private static final int MAX_INTEGER_DIGITS = 20;

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
      case DURATION -> {
        String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        Message duration = text == null ? null : ProtoTime.parseDuration(text);
        if (duration == null) {
          throw error("expected a duration like \"1.5s\", got " + describe(token));
        }
        builder.mergeFrom(duration);
      }
      case TIMESTAMP -> {
        String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
        Message timestamp = text == null ? null : ProtoTime.parseTimestamp(text);
        if (timestamp == null) {
          throw error("expected an RFC 3339 timestamp like \"1972-01-01T10:00:20.021Z\", got " + describe(token));
        }
        builder.mergeFrom(timestamp);
      }
    }
    depth--;
    return builder.build();
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
      JsonToken value = parser.nextToken();
      path.pushMapKey(key);
      Message.Builder entry = builder.newBuilderForField(descriptor);
      entry.setField(field.mapKey().descriptor(), mapKey(field.mapKey(), key));
      entry.setField(field.mapValue().descriptor(), readValue(field.mapValue(), entry, value));
      builder.addRepeatedField(descriptor, entry.build());
      path.pop();
    }
  }

  private Object mapKey(JsonField key, String text) throws IOException {
    switch (key.kind()) {
      case STRING:
        return text;
      case BOOL:
        if (text.equals("true") || text.equals("false")) {
          return Boolean.valueOf(text);
        }
        throw error("expected a map key true or false, got " + JsonText.quote(text));
      default:
        try {
          return boxed(key.kind(), exactInteger(new BigDecimal(text), key.kind()));
        } catch (NumberFormatException e) {
          throw error("expected an integer (" + key.kind().protoName + ") map key, got " + JsonText.quote(text));
        } catch (ArithmeticException e) {
          throw error(JsonText.quote(text) + " is out of range for " + key.kind().protoName);
        }
    }
  }

  /** One value of {@code field}; {@code builder} is the message it goes into. */
  private Object readValue(JsonField field, Message.Builder builder, JsonToken token) throws IOException {
    return switch (field.kind()) {
      case INT32, UINT32, INT64, UINT64 -> boxed(field.kind(), readInteger(field.kind(), token));
      case FLOAT -> readFloat(token);
      case DOUBLE -> readDouble(token);
      case BOOL -> readBool(token);
      case STRING -> readString(token);
      case BYTES -> readBytes(token);
      case TRACE_ID, SPAN_ID -> readId(field, token);
      case ENUM -> readEnum(field.descriptor().getEnumType(), token);
      case MESSAGE -> readMessage(field.messageTable(), builder.newBuilderForField(field.descriptor()), token);
    };
  }

  private static Object boxed(Kind kind, long value) {
    // Not a conditional expression: that would promote the Integer to a Long.
    if (kind == Kind.INT32 || kind == Kind.UINT32) {
      return (int) value;
    }
    return value;
  }

  /** An integer of {@code kind} from a number or a decimal string; unsigned 32- and 64-bit values come back in their signed bit patterns. */
  private long readInteger(Kind kind, JsonToken token) throws IOException {
    try {
      if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != NumberType.BIG_INTEGER) {
        return inRange(parser.getLongValue(), kind);
      }
      if (token == JsonToken.VALUE_STRING) {
        long simple = Decimals.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (simple != Decimals.NOT_SIMPLE) {
          return inRange(simple, kind);
        }
      }
      if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
        return exactInteger(token == JsonToken.VALUE_STRING ? new BigDecimal(parser.getText()) : parser.getDecimalValue(), kind);
      }
    } catch (NumberFormatException e) {
      // falls through to the type error
    } catch (ArithmeticException e) {
      throw error(describe(token) + " is out of range for " + kind.protoName);
    }
    throw error("expected an integer (" + kind.protoName + "), got " + describe(token));
  }

  /**
   * {@code value} as a long of {@code kind}; throws NumberFormatException when it has a fraction and
   * ArithmeticException when it is out of range. Checks the digit count before converting, so that
   * {@code 1e999999999} costs nothing.
   */
  private static long exactInteger(BigDecimal value, Kind kind) {
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() > 0) {
      throw new NumberFormatException("not an integer");
    }
    if (stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
      throw new ArithmeticException("too many digits");
    }
    BigInteger integer = stripped.toBigIntegerExact();
    if (kind == Kind.UINT64 && integer.signum() >= 0 && integer.bitLength() <= 64) {
      return integer.longValue();
    }
    return inRange(integer.longValueExact(), kind);
  }

  private static long inRange(long value, Kind kind) {
    boolean ok = switch (kind) {
      case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
      case UINT32 -> value >= 0 && value <= 0xFFFF_FFFFL;
      case UINT64 -> value >= 0;
      default -> true;
    };
    if (!ok) {
      throw new ArithmeticException("out of range");
    }
    return value;
  }

  private Float readFloat(JsonToken token) throws IOException {
    double value = readDouble(token);
    if (Math.abs(value) > Float.MAX_VALUE && !Double.isInfinite(value)) {
      throw error(describe(token) + " is out of range for float");
    }
    return (float) value;
  }

  private Double readDouble(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return finite(parser.getDoubleValue(), token);
    }
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return finite(new BigDecimal(text).doubleValue(), token);
          } catch (NumberFormatException e) {
            break;
          }
      }
    }
    throw error("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got " + describe(token));
  }

  private double finite(double value, JsonToken token) throws IOException {
    if (Double.isInfinite(value)) {
      throw error(describe(token) + " is out of range for double");
    }
    return value;
  }

  private Boolean readBool(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    throw error("expected true or false, got " + describe(token));
  }

  private String readString(JsonToken token) throws IOException {
    if (token != JsonToken.VALUE_STRING) {
      throw error("expected a string, got " + describe(token));
    }
    return parser.getText();
  }

  private ByteString readBytes(JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      String text = parser.getText();
      // proto3 JSON accepts standard and URL-safe base64, padded or not.
      boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      try {
        return UnsafeByteOperations.unsafeWrap((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text));
      } catch (IllegalArgumentException e) {
        // falls through to the type error
      }
    }
    throw error("expected base64, got " + describe(token));
  }

  private ByteString readId(JsonField field, JsonToken token) throws IOException {
    int bytes = field.idLength();
    if (token == JsonToken.VALUE_STRING) {
      int length = parser.getTextLength();
      if (length == 0) {
        return ByteString.EMPTY;
      }
      if (length == 2 * bytes) {
        byte[] id = HexIds.decode(parser.getTextCharacters(), parser.getTextOffset(), length);
        if (id != null) {
          return UnsafeByteOperations.unsafeWrap(id);
        }
      }
    }
    throw error("expected " + 2 * bytes + " hex digits (a " + bytes + "-byte " + field.kind().protoName
        + "), got " + describe(token));
  }

  private EnumValueDescriptor readEnum(EnumDescriptor type, JsonToken token) throws IOException {
    EnumValueDescriptor value = null;
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == NumberType.INT) {
      int number = parser.getIntValue();
      // Open (proto3) enums keep numbers this build does not know, as the binary format does.
      value = type.isClosed() ? type.findValueByNumber(number) : type.findValueByNumberCreatingIfUnknown(number);
    } else if (token == JsonToken.VALUE_STRING) {
      value = type.findValueByName(parser.getText());
    }
    if (value == null) {
      throw error("expected a " + type.getFullName() + " number or name, got " + describe(token));
    }
    return value;
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
    if (token == null) {
      return "the end of input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> JsonText.quote(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonText.shorten(parser.getText());
      default -> token.asString() != null ? token.asString() : token.name();
    };
  }

  private OtlpJsonException error(String reason) {
    JsonLocation at = parkedAt != null ? parkedAt : parser.currentTokenLocation();
    return new OtlpJsonException(path.toString(), reason, at.getLineNr(), at.getColumnNr(), null);
  }

  private OtlpJsonException malformed(String detail, JsonLocation location, Exception cause) {
    JsonLocation at = location != null ? location : parser != null ? parser.currentLocation() : JsonLocation.NA;
    return new OtlpJsonException(path.toString(), "malformed JSON: " + detail, at.getLineNr(), at.getColumnNr(), cause);
  }
}
