package io.homeostat.core.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written as a plain number ({@code 20971520}) or with a unit ({@code 20MiB},
 * {@code 512KB}); binary units are powers of 1024, decimal units powers of 1000.
 */
public record ByteSize(long bytes) {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([KMGT]i?B|B)?", Pattern.CASE_INSENSITIVE);

  public ByteSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size must be non-negative, was " + bytes);
    }
  }

  public static ByteSize ofMebibytes(long mebibytes) {
    return new ByteSize(mebibytes << 20);
  }

  /** Parses {@code text}; the exception's message quotes it and shows the expected form. */
  public static ByteSize parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size '" + text
          + "': write a number of bytes, optionally with a unit (B, KB, MB, GB, KiB, MiB, GiB), such as 20MiB");
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor = switch (unit) {
      case "B" -> 1L;
      case "KB" -> 1_000L;
      case "MB" -> 1_000_000L;
      case "GB" -> 1_000_000_000L;
      case "TB" -> 1_000_000_000_000L;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      case "TIB" -> 1L << 40;
      default -> throw new IllegalStateException(unit);
    };
    return new ByteSize(Math.multiplyExact(number, factor));
  }

  /** The size as an int, for APIs that take one; capped at {@link Integer#MAX_VALUE}. */
  public int toIntBytes() {
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  @Override
  public String toString() {
    if (bytes != 0 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + "MiB";
    }
    if (bytes != 0 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + "KiB";
    }
    return bytes + "B";
  }
}
