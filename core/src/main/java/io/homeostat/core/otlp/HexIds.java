package io.homeostat.core.otlp;

import com.google.protobuf.ByteString;
import java.util.Arrays;

/** Trace and span ids as OTLP/JSON writes them: hex digits, lower case out, either case in. */
final class HexIds {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();
  /** Value of each ASCII hex digit, -1 for every other char below 128. */
  private static final byte[] VALUES = new byte[128];

  static {
    Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < 16; i++) {
      VALUES[DIGITS[i]] = (byte) i;
      VALUES[Character.toUpperCase(DIGITS[i])] = (byte) i;
    }
  }

  private HexIds() {}

  /**
   * Decodes {@code length} hex digits of {@code text} from {@code offset} into {@code length / 2}
   * bytes, or returns null when a char is not a hex digit or the count is odd.
   */
  static byte[] decode(char[] text, int offset, int length) {
    if ((length & 1) != 0) {
      return null;
    }
    byte[] bytes = new byte[length / 2];
    for (int i = 0; i < bytes.length; i++) {
      int high = value(text[offset + 2 * i]);
      int low = value(text[offset + 2 * i + 1]);
      if ((high | low) < 0) {
        return null;
      }
      bytes[i] = (byte) (high << 4 | low);
    }
    return bytes;
  }

  private static int value(char c) {
    return c < 128 ? VALUES[c] : -1;
  }

  /** Writes {@code id} as lower-case hex into {@code out}, which holds at least {@code 2 * id.size()} chars. */
  static void encode(ByteString id, char[] out) {
    for (int i = 0; i < id.size(); i++) {
      int b = id.byteAt(i);
      out[2 * i] = DIGITS[(b >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[b & 0xf];
    }
  }
}
