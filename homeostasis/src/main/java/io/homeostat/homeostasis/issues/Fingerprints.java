package io.homeostat.homeostasis.issues;

import java.util.regex.Pattern;

/**
 * What makes two error messages "the same error": the message with everything that varies from
 * one occurrence to the next masked — quoted values, e-mail addresses, UUIDs, numbers and ids — so
 * that {@code order 12345 failed for "bob"} and {@code order 99 failed for "ann"} both read
 * {@code order <num> failed for "<str>"}. The fingerprint is a 64-bit {@link Hashes hash} of that
 * text.
 */
final class Fingerprints {

  /** Only the start of a message is read: what varies past it rarely tells two errors apart. */
  static final int MAX_MASKED = 1000;

  /**
   * A value in double, single or back quotes; a quote inside a word ({@code can't}) opens none.
   */
  private static final Pattern QUOTED =
      Pattern.compile("(?<![\\p{Alnum}])([\"'`])(?:(?!\\1).)*\\1(?![\\p{Alnum}])");
  private static final Pattern EMAIL = Pattern.compile("[\\w.%+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern UUID = Pattern.compile(
      "\\b\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}\\b");
  /** A word with a digit in it: a number, or an id (hex, base64-like, {@code user42}). */
  private static final Pattern WITH_DIGIT = Pattern.compile("\\b\\w*\\d\\w*\\b");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private Fingerprints() {}

  /** {@code message} with its varying parts masked, read up to {@link #MAX_MASKED} chars. */
  static String mask(String message) {
    String text = message.length() > MAX_MASKED ? message.substring(0, MAX_MASKED) : message;
    text = QUOTED.matcher(text).replaceAll("$1<str>$1");
    text = EMAIL.matcher(text).replaceAll("<email>");
    text = UUID.matcher(text).replaceAll("<uuid>");
    return WITH_DIGIT.matcher(text).replaceAll(word ->
        DIGITS.matcher(word.group()).matches() ? "<num>" : "<id>");
  }

  /** The fingerprint of {@code message}: 16 hex digits. */
  static String of(String message) {
    return String.format("%016x", Hashes.of(mask(message)));
  }
}
