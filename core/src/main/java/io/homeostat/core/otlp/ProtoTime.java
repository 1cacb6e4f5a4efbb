package io.homeostat.core.otlp;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The proto3 JSON strings of {@code google.protobuf.Duration} ({@code "1.500s"}) and {@code
 * google.protobuf.Timestamp} (RFC 3339, {@code "1972-01-01T10:00:20.021Z"}), with 0, 3, 6 or 9
 * fractional digits on output as the mapping prescribes.
 */
final class ProtoTime {

  /** Durations span about ±10,000 years. */
  private static final long MAX_DURATION_SECONDS = 315_576_000_000L;
  /** 0001-01-01T00:00:00Z. */
  private static final long MIN_TIMESTAMP_SECONDS = -62_135_596_800L;
  /** 9999-12-31T23:59:59Z. */
  private static final long MAX_TIMESTAMP_SECONDS = 253_402_300_799L;
  private static final int NANOS_PER_SECOND = 1_000_000_000;

  private ProtoTime() {}

  /** Parses {@code "-1.5s"}-style text, or returns null when it is not a duration in range. */
  static Duration parseDuration(String text) {
    boolean negative = text.startsWith("-");
    if (!text.endsWith("s") || text.length() < (negative ? 3 : 2)) {
      return null;
    }
    String number = text.substring(negative ? 1 : 0, text.length() - 1);
    int dot = number.indexOf('.');
    String whole = dot < 0 ? number : number.substring(0, dot);
    String fraction = dot < 0 ? "" : number.substring(dot + 1);
    if (!isDigits(whole, 1, 12) || (dot >= 0 && !isDigits(fraction, 1, 9))) {
      return null;
    }
    long seconds = Long.parseLong(whole);
    int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    if (seconds > MAX_DURATION_SECONDS) {
      return null;
    }
    return Duration.newBuilder()
        .setSeconds(negative ? -seconds : seconds)
        .setNanos(negative ? -nanos : nanos)
        .build();
  }

  static String formatDuration(long seconds, int nanos) {
    if (Math.abs(seconds) > MAX_DURATION_SECONDS
        || Math.abs(nanos) >= NANOS_PER_SECOND
        || (seconds < 0 && nanos > 0)
        || (seconds > 0 && nanos < 0)) {
      throw new IllegalArgumentException(
          "google.protobuf.Duration out of range or with mixed signs: seconds "
              + seconds + ", nanos " + nanos);
    }
    StringBuilder out = new StringBuilder(24);
    if (seconds < 0 || nanos < 0) {
      out.append('-');
    }
    out.append(Math.abs(seconds));
    appendFraction(out, Math.abs(nanos));
    return out.append('s').toString();
  }

  /** Parses RFC 3339 text with any offset, or returns null when it is not a timestamp in range. */
  static Timestamp parseTimestamp(String text) {
    Instant instant;
    try {
      instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
    if (instant.getEpochSecond() < MIN_TIMESTAMP_SECONDS || instant.getEpochSecond() > MAX_TIMESTAMP_SECONDS) {
      return null;
    }
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static String formatTimestamp(long seconds, int nanos) {
    if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS || nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw new IllegalArgumentException(
          "google.protobuf.Timestamp out of range: seconds " + seconds + ", nanos " + nanos);
    }
    // Instant prints 0, 3, 6 or 9 fractional digits, as proto3 JSON wants.
    return Instant.ofEpochSecond(seconds, nanos).toString();
  }

  private static void appendFraction(StringBuilder out, int nanos) {
    if (nanos == 0) {
      return;
    }
    int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
    String padded = Integer.toString(NANOS_PER_SECOND + nanos).substring(1);
    out.append('.').append(padded, 0, digits);
  }

  private static boolean isDigits(String text, int minLength, int maxLength) {
    if (text.length() < minLength || text.length() > maxLength) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
