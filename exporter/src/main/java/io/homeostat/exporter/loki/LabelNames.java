package io.homeostat.exporter.loki;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OTLP attribute keys as Loki label and structured-metadata names: every character outside
 * {@code [a-zA-Z0-9_]} becomes {@code _} ({@code service.name} → {@code service_name}), a leading
 * digit gets a {@code _} in front, and a run of underscores at either end shrinks to one, since
 * Loki reserves names that begin with {@code __} and advises against them at the end.
 *
 * <p>Loki's documentation also allows {@code :}, but a push names its labels in a selector
 * ({@code {a="x"}}) that Loki reads with PromQL's parser, whose lexer refuses a {@code :} inside
 * braces: a name with one would fail the whole push with 400, so {@code :} becomes {@code _} too.
 *
 * <p>The same few keys recur in every record, so an instance remembers what it has converted, up
 * to a bound that keeps a flood of distinct keys from growing it without end.
 */
final class LabelNames {

  /** Distinct keys remembered; beyond this, names are converted each time. */
  private static final int CACHE_LIMIT = 4096;

  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /** The Loki name of {@code key}, from the cache when it was seen before. */
  String of(String key) {
    String name = cache.get(key);
    if (name == null) {
      name = sanitize(key);
      if (cache.size() < CACHE_LIMIT) {
        cache.put(key, name);
      }
    }
    return name;
  }

  /** The Loki name of {@code key}; {@code key} itself when it already is one. */
  static String sanitize(String key) {
    if (isValid(key)) {
      return key;
    }
    StringBuilder out = new StringBuilder(key.length() + 1);
    if (key.isEmpty() || isDigit(key.charAt(0))) {
      out.append('_');
    }
    key.codePoints().forEach(c -> out.append(isNameChar(c) ? (char) c : '_'));
    int start = 0;
    while (start + 1 < out.length() && out.charAt(start) == '_' && out.charAt(start + 1) == '_') {
      start++;
    }
    int end = out.length();
    while (end - 2 >= start && out.charAt(end - 1) == '_' && out.charAt(end - 2) == '_') {
      end--;
    }
    return out.substring(start, end);
  }

  /** True for a name Loki takes as it is: {@code [a-zA-Z_][a-zA-Z0-9_]*}, no {@code __} at an end. */
  static boolean isValid(String name) {
    int length = name.length();
    if (length == 0 || isDigit(name.charAt(0))) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!isNameChar(name.charAt(i))) {
        return false;
      }
    }
    return !name.startsWith("__") && !(length > 2 && name.endsWith("__"));
  }

  private static boolean isNameChar(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
