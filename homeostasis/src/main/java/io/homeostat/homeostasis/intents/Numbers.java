package io.homeostat.homeostasis.intents;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as a person reads them in a description: {@code 750}, {@code 0.97}, {@code 81 %}. */
final class Numbers {

  private static final MathContext FOUR_DIGITS = new MathContext(4);

  private Numbers() {}

  /** At most four significant digits, no trailing zeros, no exponent. */
  static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
  }

  /** A fraction as a percentage: {@code 0.8134} is {@code 81.34 %}. */
  static String percent(double fraction) {
    return format(fraction * 100) + " %";
  }

  /**
   * The unit a metric's name ends with, as Prometheus and OpenTelemetry names carry it
   * ({@code login_latency_ms}, {@code request_duration_seconds}); empty when it names none.
   */
  static String unitOf(String metric) {
    String name = metric == null ? "" : metric.toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith("_ms") || name.endsWith("_milliseconds")) {
      return " ms";
    }
    if (name.endsWith("_seconds") || name.endsWith("_s")) {
      return " s";
    }
    if (name.endsWith("_bytes")) {
      return " bytes";
    }
    return "";
  }
}
