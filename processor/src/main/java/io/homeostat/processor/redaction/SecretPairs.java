package io.homeostat.processor.redaction;

/**
 * Secrets written into text: the value after a key that names a secret, in the forms logs and
 * payloads use, and the password of a URL's user information.
 *
 * <ul>
 *   <li>{@code password=hunter2}, {@code ?user=bob&token=abc&next=/} (up to {@code & ; ,},
 *       whitespace, a quote or a bracket), {@code "password" => "x"};
 *   <li>{@code "password": "hunter2"}, {@code 'pwd': 'x'}, {@code \"token\":\"x\"} (JSON inside a
 *       JSON string): the quoted value, escapes and all;
 *   <li>{@code password: hunter2}, and {@code Authorization: Bearer abc} (an HTTP authentication
 *       scheme takes the credentials after it); an unquoted key at the start of a line, header
 *       or YAML style ({@code Cookie: a=1; b=2}), takes the rest of the line;
 *   <li>{@code <password>hunter2</password>};
 *   <li>{@code postgres://app:s3cret@db:5432/orders}: the password between {@code :} and
 *       {@code @}.
 * </ul>
 *
 * <p>A value that opens an object or a list ({@code "token": {...}}) is left to the keys inside
 * it. The key is matched by {@link SecretKeys}, so {@code passwordless=true} is left alone. A value
 * that already reads as the mask is left as it is, so that redacting twice changes nothing, and so
 * is a SQL parameter ({@code SET password = ?}).
 *
 * <p>Each call reads leftwards no further than the previous separator and rightwards no further
 * than the value, so a scan stays linear.
 */
final class SecretPairs {

  private final SecretKeys keys;
  private final String mask;

  SecretPairs(SecretKeys keys, String mask) {
    this.keys = keys;
    this.mask = mask;
  }

  /**
   * Looks at the separator ({@code = : >}) at {@code at}; adds the secret value it introduces, if
   * any, and returns where scanning goes on (always after {@code at}).
   */
  int find(String text, int at, Findings out) {
    int n = text.length();
    char separator = text.charAt(at);
    if (separator == ':' && at + 2 < n && text.charAt(at + 1) == '/' && text.charAt(at + 2) == '/') {
      return urlPassword(text, at + 3, out);
    }
    int keyEnd = at;
    boolean quoted = false;
    if (separator != '>') {
      while (keyEnd > 0 && text.charAt(keyEnd - 1) == ' ') {
        keyEnd--;
      }
      if (keyEnd > 0 && isQuote(text.charAt(keyEnd - 1))) {
        keyEnd--;
        quoted = true;
        if (keyEnd > 0 && text.charAt(keyEnd - 1) == '\\') {
          keyEnd--;
        }
      }
    }
    int keyStart = keyEnd;
    while (keyStart > 0 && isKeyChar(text.charAt(keyStart - 1))) {
      keyStart--;
    }
    if (keyStart == keyEnd || !keys.matches(text, keyStart, keyEnd)) {
      return at + 1;
    }
    if (separator == '>') {
      if (keyStart == 0 || text.charAt(keyStart - 1) != '<') {
        return at + 1;
      }
      int end = text.indexOf('<', at + 1);
      return add(text, at + 1, end < 0 ? n : end, out);
    }
    int value = at + 1;
    if (separator == '=' && value < n && text.charAt(value) == '>') {
      value++;
    }
    while (value < n && (text.charAt(value) == ' ' || text.charAt(value) == '\t')) {
      value++;
    }
    if (value == n) {
      return n;
    }
    char first = text.charAt(value);
    if (isQuote(first)) {
      return add(text, value + 1, quotedEnd(text, value + 1, first), out) + 1;
    }
    if (first == '\\' && value + 1 < n && text.charAt(value + 1) == '"') {
      int end = text.indexOf("\\\"", value + 2);
      return add(text, value + 2, end < 0 ? n : end, out) + 2;
    }
    if (first == '{' || first == '[') {
      return value;
    }
    if (separator == ':' && !quoted && startsLine(text, keyStart)) {
      return add(text, value, lineEnd(text, value), out);
    }
    int end = tokenEnd(text, value);
    if (isAuthScheme(text, value, end) && end + 1 < n && text.charAt(end) == ' '
        && !isDelimiter(text.charAt(end + 1))) {
      end = tokenEnd(text, end + 1);
    }
    return add(text, value, end, out);
  }

  /**
   * Adds {@code [start, end)} unless it is empty, already the mask, or a SQL parameter
   * ({@code password = ?}, {@code $1}), which holds no value; returns {@code end}.
   */
  private int add(String text, int start, int end, Findings out) {
    boolean masked = end - start == mask.length() && text.startsWith(mask, start);
    if (end > start && !masked && !isParameter(text, start, end)) {
      out.add(start, end, Rule.SECRET_KEY);
    }
    return end;
  }

  private static boolean isParameter(String text, int start, int end) {
    if (end - start == 1 && text.charAt(start) == '?') {
      return true;
    }
    if (end - start < 2 || text.charAt(start) != '$') {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code scheme://user:password@host}: adds the password; returns where the host starts, so that
   * {@code password@host} is not read as an e-mail address.
   */
  private int urlPassword(String text, int authority, Findings out) {
    int n = text.length();
    int end = authority;
    int userEnd = -1;
    while (end < n && !isAuthorityEnd(text.charAt(end))) {
      if (text.charAt(end) == '@') {
        userEnd = end;
      }
      end++;
    }
    if (userEnd < 0) {
      return authority;
    }
    for (int colon = authority; colon < userEnd; colon++) {
      if (text.charAt(colon) == ':') {
        add(text, colon + 1, userEnd, out);
        break;
      }
    }
    return userEnd + 1;
  }

  /** The index of the closing quote (or the end of the text), past backslash escapes. */
  private static int quotedEnd(String text, int from, char quote) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i;
      } else {
        i++;
      }
    }
    return text.length();
  }

  /** True when only blanks stand between the key and the line's start. */
  private static boolean startsLine(String text, int keyStart) {
    int i = keyStart;
    while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
      i--;
    }
    return i == 0 || text.charAt(i - 1) == '\n';
  }

  /** The end of the line, before any trailing blanks or carriage return. */
  private static int lineEnd(String text, int from) {
    int end = text.indexOf('\n', from);
    if (end < 0) {
      end = text.length();
    }
    while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static int tokenEnd(String text, int from) {
    int i = from;
    while (i < text.length() && !isDelimiter(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The HTTP authentication schemes whose credentials follow after a space. */
  private static boolean isAuthScheme(String text, int start, int end) {
    int length = end - start;
    return (length == 5 && text.regionMatches(true, start, "basic", 0, 5))
        || (length == 6 && (text.regionMatches(true, start, "bearer", 0, 6)
            || text.regionMatches(true, start, "digest", 0, 6)))
        || (length == 9 && text.regionMatches(true, start, "negotiate", 0, 9))
        || (length == 4 && text.regionMatches(true, start, "ntlm", 0, 4))
        || (length == 5 && text.regionMatches(true, start, "token", 0, 5));
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == '&' || c == ';' || c == ',' || c == '"' || c == '\''
        || c == ')' || c == ']' || c == '}' || c == '<' || c == '>' || c == '\\';
  }

  private static boolean isAuthorityEnd(char c) {
    return c == '/' || c == '?' || c == '#' || Character.isWhitespace(c) || c == '"' || c == '\''
        || c == '<' || c == '>';
  }
}
