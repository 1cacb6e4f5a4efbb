package io.homeostat.processor.attributes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expression of an {@code extract} action: every group is named, and each name is the
 * attribute its match goes to.
 *
 * <p>Users copy these patterns from Collector configs, written for Go: {@code (?P<name>...)}, and
 * names such as {@code http_protocol} that Java's own group names (letters and digits) cannot
 * hold. So groups are renamed {@code g1}, {@code g2}, ... before compiling, in the order they
 * open, which is also their group number; {@code \k<name>} back references follow the renaming.
 *
 * @param pattern the compiled expression
 * @param attributes the attribute of group {@code i + 1}
 */
record NamedGroups(Pattern pattern, List<String> attributes) {

  /** Compiles {@code regex}, or throws with a message that says what to fix. */
  static NamedGroups compile(String regex) {
    StringBuilder java = new StringBuilder(regex.length() + 8);
    List<String> names = new ArrayList<>();
    Map<String, String> renamed = new HashMap<>();
    int classDepth = 0;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        int end = escapeEnd(regex, i);
        String escape = regex.substring(i, end);
        if (classDepth == 0 && escape.equals("\\k") && regex.startsWith("<", end)) {
          int close = regex.indexOf('>', end);
          String name = close < 0 ? null : renamed.get(regex.substring(end + 1, close));
          if (name != null) {
            java.append("\\k<").append(name).append('>');
            i = close + 1;
            continue;
          }
        }
        java.append(escape);
        i = end;
        continue;
      }
      if (c == '[') {
        classDepth++;
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
      } else if (c == '(' && classDepth == 0) {
        int nameStart = nameStart(regex, i);
        if (nameStart > 0) {
          int close = regex.indexOf('>', nameStart);
          if (close < 0) {
            throw new IllegalArgumentException("invalid regular expression '" + regex
                + "': the group name at index " + i + " has no closing '>'");
          }
          String name = regex.substring(nameStart, close);
          checkName(regex, name);
          names.add(name);
          String javaName = "g" + names.size();
          renamed.put(name, javaName);
          java.append("(?<").append(javaName).append('>');
          i = close + 1;
          continue;
        }
      }
      java.append(c);
      i++;
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(java.toString());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression '" + regex + "': "
          + e.getDescription());
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("'" + regex + "' has no named group: name each group, as"
          + " in (?<http_host>[^/]+), after the attribute its match goes to");
    }
    if (pattern.matcher("").groupCount() > names.size()) {
      throw new IllegalArgumentException("'" + regex + "' has a group without a name: name it,"
          + " as in (?<http_host>...), or make it non-capturing with (?:...)");
    }
    return new NamedGroups(pattern, List.copyOf(names));
  }

  /** Where the escape starting at {@code at} ends; {@code \Q...\E} counts as one. */
  private static int escapeEnd(String regex, int at) {
    if (regex.startsWith("\\Q", at)) {
      int end = regex.indexOf("\\E", at + 2);
      return end < 0 ? regex.length() : end + 2;
    }
    return Math.min(at + 2, regex.length());
  }

  /** Where the name of a group opening at {@code at} starts ({@code (?<} or {@code (?P<}), or 0. */
  private static int nameStart(String regex, int at) {
    int start = regex.startsWith("(?P<", at) ? at + 4 : regex.startsWith("(?<", at) ? at + 3 : 0;
    if (start == 0 || start >= regex.length()) {
      return 0;
    }
    char first = regex.charAt(start);
    return first == '=' || first == '!' ? 0 : start;
  }

  private static void checkName(String regex, String name) {
    boolean valid = !name.isEmpty();
    for (int i = 0; i < name.length() && valid; i++) {
      char c = name.charAt(i);
      valid = Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
    if (!valid) {
      throw new IllegalArgumentException("invalid regular expression '" + regex + "': group name '"
          + name + "' is not an attribute name: use letters, digits, '_', '.' and '-'");
    }
  }
}
