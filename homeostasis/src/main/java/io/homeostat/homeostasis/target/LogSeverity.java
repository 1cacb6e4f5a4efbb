package io.homeostat.homeostasis.target;

import java.util.Locale;

/**
 * An OpenTelemetry log severity number (1 TRACE to 24 FATAL4) with the name it was written as.
 * Ranges: TRACE 1-4, DEBUG 5-8, INFO 9-12, WARN 13-16, ERROR 17-20, FATAL 21-24.
 */
public record LogSeverity(int number, String name) {

  private static final String[] NAMES = {"TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"};

  /**
   * Reads a severity written as a name ({@code ERROR}, {@code warn}, {@code ERROR3}) or a number
   * from 1 to 24; throws {@link IllegalArgumentException} quoting anything else.
   */
  public static LogSeverity parse(String text) {
    String upper = text.strip().toUpperCase(Locale.ROOT);
    if (!upper.isEmpty() && upper.chars().allMatch(Character::isDigit)) {
      int number = upper.length() > 2 ? 0 : Integer.parseInt(upper);
      if (number >= 1 && number <= 24) {
        return new LogSeverity(number, upper);
      }
    }
    String base = upper.equals("WARNING") ? "WARN" : upper;
    int level = 1;
    if (base.length() > 1 && base.charAt(base.length() - 1) >= '2' && base.charAt(base.length() - 1) <= '4') {
      level = base.charAt(base.length() - 1) - '0';
      base = base.substring(0, base.length() - 1);
    }
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(base)) {
        return new LogSeverity(i * 4 + level, upper);
      }
    }
    throw new IllegalArgumentException("unknown log severity '" + text + "': use TRACE, DEBUG, INFO, "
        + "WARN, ERROR or FATAL (optionally with 2, 3 or 4, such as ERROR2), or a number from 1 to 24");
  }

  /**
   * The severity number a record's severity text stands for, for records that set only the text;
   * 0 when the text is not one of the names. Allocates nothing.
   */
  public static int numberOfText(String text) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equalsIgnoreCase(text)) {
        return i * 4 + 1;
      }
    }
    if ("WARNING".equalsIgnoreCase(text)) {
      return 13;
    }
    return "CRITICAL".equalsIgnoreCase(text) ? 21 : 0;
  }

  @Override
  public String toString() {
    return name;
  }
}
