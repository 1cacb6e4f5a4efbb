package io.homeostat.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as in the OpenTelemetry Collector (Go's {@code time.ParseDuration}):
 * {@code 200ms}, {@code 5s}, {@code 1m30s}, {@code 1.5h}, plus {@code d} and {@code w} for SLO
 * periods such as {@code 30d}.
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h|d|w)");

  private Durations() {}

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} with a message that quotes it and
   * shows the expected form.
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    boolean negative = s.startsWith("-");
    String body = negative || s.startsWith("+") ? s.substring(1) : s;
    Matcher m = PART.matcher(body);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < body.length() && m.find(at) && m.start() == at) {
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      at = m.end();
    }
    if (body.isEmpty() || at != body.length()) {
      throw new IllegalArgumentException("invalid duration '" + text
          + "': write a number with a unit (ns, us, ms, s, m, h, d, w), such as 200ms, 5s or 1m30s");
    }
    long total = nanos.longValue();
    return Duration.ofNanos(negative ? -total : total);
  }

  /** Formats {@code d} in the same syntax, shortest form first: {@code 5m}, {@code 1h30m}, {@code 250ms}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L != 0) {
      if (nanos % 1_000_000L == 0) {
        return nanos / 1_000_000L + "ms";
      }
      return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
    }
    long seconds = d.getSeconds();
    StringBuilder out = new StringBuilder();
    long hours = seconds / 3600;
    if (hours > 0) {
      if (hours % 24 == 0 && seconds % 3600 == 0) {
        return hours / 24 + "d";
      }
      out.append(hours).append('h');
    }
    long minutes = seconds % 3600 / 60;
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds % 60 > 0) {
      out.append(seconds % 60).append('s');
    }
    return out.toString();
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L;
      case "w" -> 604_800_000_000_000L;
      default -> throw new IllegalStateException(unit);
    };
  }
}
