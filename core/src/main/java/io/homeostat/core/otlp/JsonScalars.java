package io.homeostat.core.otlp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.UnsafeByteOperations;
import io.homeostat.core.otlp.JsonField.Kind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;

/**
 * Scalar field values from the parser's current token, in the forms proto3 JSON and OTLP allow:
 * integers as numbers or decimal strings, doubles also as "NaN" and "Infinity", hex ids, base64
 * bytes, enums as numbers or names. A value that does not fit is a {@link BadValue} saying why;
 * the reader adds where.
 */
final class JsonScalars {

  /** A value its field cannot take; the message is the reason, quoting the value. */
  static final class BadValue extends Exception {
    BadValue(String reason) {
      super(reason, null, false, false);
    }
  }

  /** Digits of the largest unsigned 64-bit value; more cannot be in range. */
  private static final int MAX_INTEGER_DIGITS = 20;
  /** Longest string read as a number: room for any double's shortest decimal form and then some. */
  private static final int MAX_NUMBER_CHARS = 64;

  private JsonScalars() {}

  /** A value of {@code field}, which is not a message, boxed as protobuf reflection takes it. */
  static Object read(JsonField field, JsonParser parser, JsonToken token) throws IOException, BadValue {
    return switch (field.kind()) {
      case INT32, UINT32, INT64, UINT64 -> boxed(field.kind(), readInteger(parser, field.kind(), token));
      case FLOAT -> readFloat(parser, token);
      case DOUBLE -> readDouble(parser, token);
      case BOOL -> readBool(parser, token);
      case STRING -> readString(parser, token);
      case BYTES -> readBytes(parser, token);
      case TRACE_ID, SPAN_ID -> readId(field, parser, token);
      case ENUM -> readEnum(field.descriptor().getEnumType(), parser, token);
      case MESSAGE -> throw new IllegalArgumentException(field.descriptor().getFullName() + " is a message");
    };
  }

  /** A map key of {@code key}'s type from the JSON member name. */
  static Object mapKey(JsonField key, String text) throws BadValue {
    switch (key.kind()) {
      case STRING:
        return text;
      case BOOL:
        if (text.equals("true") || text.equals("false")) {
          return Boolean.valueOf(text);
        }
        throw new BadValue("expected a map key true or false, got " + JsonText.quote(text));
      default:
        try {
          return boxed(key.kind(), exactInteger(decimal(text), key.kind()));
        } catch (NumberFormatException e) {
          throw new BadValue("expected an integer (" + key.kind().protoName + ") map key, got " + JsonText.quote(text));
        } catch (ArithmeticException e) {
          throw new BadValue(JsonText.quote(text) + " is out of range for " + key.kind().protoName);
        }
    }
  }

  /** The token for an error message: a quoted string, a number as written, or what kind of value it is. */
  static String describe(JsonParser parser, JsonToken token) throws IOException {
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

  private static Object boxed(Kind kind, long value) {
    // Not a conditional expression: that would promote the Integer to a Long.
    if (kind == Kind.INT32 || kind == Kind.UINT32) {
      return (int) value;
    }
    return value;
  }

  /** An integer of {@code kind}; unsigned values come back in their signed bit patterns. */
  private static long readInteger(JsonParser parser, Kind kind, JsonToken token) throws IOException, BadValue {
    try {
      if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != NumberType.BIG_INTEGER) {
        return inRange(parser.getLongValue(), kind);
      }
      if (token == JsonToken.VALUE_STRING) {
        long simple = Decimals.parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        if (simple != Decimals.NOT_SIMPLE) {
          return inRange(simple, kind);
        }
        return exactInteger(decimal(parser.getText()), kind);
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
        return exactInteger(parser.getDecimalValue(), kind);
      }
    } catch (NumberFormatException e) {
      // falls through to the type error
    } catch (ArithmeticException e) {
      throw new BadValue(describe(parser, token) + " is out of range for " + kind.protoName);
    }
    throw new BadValue("expected an integer (" + kind.protoName + "), got " + describe(parser, token));
  }

  /**
   * {@code value} as a long of {@code kind}; throws NumberFormatException when it has a fraction and
   * ArithmeticException when it is out of range. Counts digits before converting, so that {@code
   * 1e999999999} costs nothing.
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

  /**
   * A number written as a string. Jackson bounds the length of number tokens but not of strings,
   * and parsing a megabyte of digits takes seconds, so long strings are no number.
   */
  private static BigDecimal decimal(String text) {
    if (text.length() > MAX_NUMBER_CHARS) {
      throw new NumberFormatException("too long for a number");
    }
    return new BigDecimal(text);
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

  private static Float readFloat(JsonParser parser, JsonToken token) throws IOException, BadValue {
    double value = readDouble(parser, token);
    if (Math.abs(value) > Float.MAX_VALUE && !Double.isInfinite(value)) {
      throw new BadValue(describe(parser, token) + " is out of range for float");
    }
    return (float) value;
  }

  private static Double readDouble(JsonParser parser, JsonToken token) throws IOException, BadValue {
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return finite(parser.getDoubleValue(), parser, token);
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
            return finite(decimal(text).doubleValue(), parser, token);
          } catch (NumberFormatException e) {
            break;
          }
      }
    }
    throw new BadValue("expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", got " + describe(parser, token));
  }

  private static double finite(double value, JsonParser parser, JsonToken token) throws IOException, BadValue {
    if (Double.isInfinite(value)) {
      throw new BadValue(describe(parser, token) + " is out of range for double");
    }
    return value;
  }

  private static Boolean readBool(JsonParser parser, JsonToken token) throws IOException, BadValue {
    if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
      return token == JsonToken.VALUE_TRUE;
    }
    throw new BadValue("expected true or false, got " + describe(parser, token));
  }

  private static String readString(JsonParser parser, JsonToken token) throws IOException, BadValue {
    if (token != JsonToken.VALUE_STRING) {
      throw new BadValue("expected a string, got " + describe(parser, token));
    }
    return parser.getText();
  }

  private static ByteString readBytes(JsonParser parser, JsonToken token) throws IOException, BadValue {
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
    throw new BadValue("expected base64, got " + describe(parser, token));
  }

  /** A hex trace or span id, read from Jackson's buffer without a String; empty means unset. */
  private static ByteString readId(JsonField field, JsonParser parser, JsonToken token) throws IOException, BadValue {
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
    throw new BadValue("expected a " + field.kind().protoName + " of " + 2 * bytes + " hex digits, got "
        + describe(parser, token));
  }

  private static EnumValueDescriptor readEnum(EnumDescriptor type, JsonParser parser, JsonToken token)
      throws IOException, BadValue {
    EnumValueDescriptor value = null;
    if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == NumberType.INT) {
      int number = parser.getIntValue();
      // Open (proto3) enums keep numbers this build does not know, as the binary format does.
      value = type.isClosed() ? type.findValueByNumber(number) : type.findValueByNumberCreatingIfUnknown(number);
    } else if (token == JsonToken.VALUE_STRING) {
      value = type.findValueByName(parser.getText());
    }
    if (value == null) {
      throw new BadValue("expected a number or name of " + type.getFullName() + ", got " + describe(parser, token));
    }
    return value;
  }
}
