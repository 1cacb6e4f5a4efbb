package io.homeostat.exporter.prometheus.translate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Label names from OTLP attribute keys, as the Collector's translator makes them
 * ({@code pkg/translator/prometheus/normalize_label.go}): every character other than an ASCII
 * letter, digit or underscore becomes {@code _}, and a name that starts with a digit gets a
 * {@code key_} prefix, one that starts with an underscore a {@code key} prefix
 * ({@code _tenant} → {@code key_tenant}).
 *
 * <p>Unlike the Collector, a double underscore is prefixed too ({@code __tenant} →
 * {@code key__tenant}): names starting with {@code __} are Prometheus's own, and its client
 * library refuses them.
 */
public final class LabelNamer {

  /** Attribute keys are few; the cache stops growing here in case some are not. */
  private static final int CACHE_LIMIT = 10_000;
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private LabelNamer() {}

  /** The label name for attribute key {@code key}; empty for an empty key. */
  public static String name(String key) {
    String cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    String name = normalize(key);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(key, name);
    }
    return name;
  }

  /** True when {@code name} is a label name Prometheus accepts and does not reserve. */
  public static boolean isValid(String name) {
    return !name.isEmpty() && !name.startsWith("__") && name.equals(sanitize(name))
        && !isDigit(name.charAt(0));
  }

  private static String normalize(String key) {
    if (key.isEmpty()) {
      return key;
    }
    String name = sanitize(key);
    if (isDigit(name.charAt(0))) {
      return "key_" + name;
    }
    return name.charAt(0) == '_' ? "key" + name : name;
  }

  private static String sanitize(String key) {
    StringBuilder out = null;
    int length = key.length();
    for (int i = 0; i < length; ) {
      int c = key.codePointAt(i);
      boolean valid = c < 128 && (isLetter(c) || isDigit(c) || c == '_');
      if (!valid && out == null) {
        out = new StringBuilder(length).append(key, 0, i);
      }
      if (out != null) {
        out.append(valid ? (char) c : '_');
      }
      i += Character.charCount(c);
    }
    return out == null ? key : out.toString();
  }

  static boolean isLetter(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
