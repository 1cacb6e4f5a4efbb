package io.homeostat.core.otlp;

/**
 * Decimal digits of 64-bit integers straight from and into char buffers, because OTLP/JSON writes
 * every timestamp as a string and a {@code String} per value would be the codec's main garbage.
 */
final class Decimals {

  /** Chars {@link #format} needs at most: 20 digits of an unsigned value, or a sign and 19 digits. */
  static final int MAX_CHARS = 20;

  /** Returned by {@link #parse} for text it leaves to the slow path. */
  static final long NOT_SIMPLE = Long.MIN_VALUE;

  /** More digits than this cannot fit a long. */
  private static final int MAX_DIGITS = 19;

  private Decimals() {}

  /**
   * Parses an optional minus and up to 19 digits from {@code text[offset, offset + length)}, or
   * returns {@link #NOT_SIMPLE} for anything else: other syntax, values beyond a long, and
   * Long.MIN_VALUE itself, all of which the caller reads the slow way.
   */
  static long parse(char[] text, int offset, int length) {
    boolean negative = length > 0 && text[offset] == '-';
    int start = offset + (negative ? 1 : 0);
    int end = offset + length;
    if (end == start || end - start > MAX_DIGITS) {
      return NOT_SIMPLE;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      int digit = text[i] - '0';
      if (digit < 0 || digit > 9) {
        return NOT_SIMPLE;
      }
      // Only a 19th digit can overflow.
      if (i - start == MAX_DIGITS - 1 && value > (Long.MAX_VALUE - digit) / 10) {
        return NOT_SIMPLE;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  /**
   * Writes {@code value}, read as unsigned when {@code unsigned}, right-aligned into {@code out}
   * (at least {@link #MAX_CHARS} long) and returns the index of its first char.
   */
  static int format(long value, boolean unsigned, char[] out) {
    int pos = out.length;
    long v = value;
    if (v < 0 && !unsigned) {
      // Digits of a negative value are taken from negative remainders, so Long.MIN_VALUE works too.
      do {
        out[--pos] = (char) ('0' - (v % 10));
        v /= 10;
      } while (v != 0);
      out[--pos] = '-';
      return pos;
    }
    if (v < 0) {
      long quotient = (v >>> 1) / 5;
      out[--pos] = (char) ('0' + (v - quotient * 10));
      v = quotient;
    }
    do {
      out[--pos] = (char) ('0' + (v % 10));
      v /= 10;
    } while (v != 0);
    return pos;
  }
}
