package io.homeostat.core.otlp;

/** Quotes input text for error messages, cut short so that a huge bad value cannot flood a log. */
final class JsonText {

  /** Longest piece of input an error message repeats. */
  private static final int MAX_CHARS = 64;

  private JsonText() {}

  /** {@code text} as a JSON string literal, shortened with an ellipsis past {@value #MAX_CHARS} chars. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 3).append('"');
    int end = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append(text.length() > MAX_CHARS ? "…\"" : "\"").toString();
  }

  /** {@code text} shortened with an ellipsis past {@value #MAX_CHARS} chars. */
  static String shorten(String text) {
    return text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
  }
}
