package io.homeostat.processor.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a key names a secret: one of the configured names appears in it as whole words.
 *
 * <p>Keys and names are split into words at every character that is neither a letter nor a digit,
 * and where camelCase starts a new word ({@code newPassword}, {@code HTTPHeader}); words compare
 * without case. So {@code api_key} matches {@code x-api-key}, {@code apiKey} and
 * {@code API_KEY}, and {@code password} matches {@code db.password} and {@code user_password_hash}
 * but not {@code passwordless_login_enabled} (a flag, not a secret) nor {@code passwords_reset}.
 *
 * <p>Keys are compared where they stand, in attribute keys and inside text, without allocating.
 */
final class SecretKeys {

  /** Each name as its lower-case words. */
  private final char[][][] names;
  /** The lower-case ASCII characters some name starts with: a word starting otherwise is skipped. */
  private final boolean[] firstChars = new boolean[128];
  /** True when a name starts with a character outside ASCII, which turns the filter off there. */
  private final boolean nonAsciiFirst;

  SecretKeys(List<String> names) {
    this.names = new char[names.size()][][];
    boolean nonAscii = false;
    for (int n = 0; n < names.size(); n++) {
      String name = names.get(n);
      List<char[]> words = new ArrayList<>();
      int i = nextWord(name, 0, name.length());
      while (i < name.length()) {
        int end = wordEnd(name, i, name.length());
        words.add(name.substring(i, end).toLowerCase(Locale.ROOT).toCharArray());
        i = nextWord(name, end, name.length());
      }
      this.names[n] = words.toArray(char[][]::new);
      if (!words.isEmpty()) {
        char first = words.get(0)[0];
        if (first < 128) {
          firstChars[first] = true;
        } else {
          nonAscii = true;
        }
      }
    }
    this.nonAsciiFirst = nonAscii;
  }

  /** True when a name has no word at all (no letter or digit), so that it can match nothing. */
  static boolean hasNoWord(String name) {
    return nextWord(name, 0, name.length()) == name.length();
  }

  boolean matches(String key) {
    return matches(key, 0, key.length());
  }

  /** True when {@code text[from, to)} names a secret. */
  boolean matches(String text, int from, int to) {
    int i = nextWord(text, from, to);
    while (i < to) {
      char first = Character.toLowerCase(text.charAt(i));
      if ((first < 128 ? firstChars[first] : nonAsciiFirst) && anyNameAt(text, i, to)) {
        return true;
      }
      i = nextWord(text, wordEnd(text, i, to), to);
    }
    return false;
  }

  private boolean anyNameAt(String text, int start, int to) {
    for (char[][] name : names) {
      if (name.length > 0 && nameAt(name, text, start, to)) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameAt(char[][] name, String text, int start, int to) {
    int at = start;
    for (int w = 0; w < name.length; w++) {
      if (at >= to) {
        return false;
      }
      int end = wordEnd(text, at, to);
      if (!sameWord(name[w], text, at, end)) {
        return false;
      }
      at = nextWord(text, end, to);
    }
    return true;
  }

  private static boolean sameWord(char[] word, String text, int start, int end) {
    if (end - start != word.length) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (Character.toLowerCase(text.charAt(start + i)) != word[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first letter or digit at or after {@code i}, or {@code to}. */
  private static int nextWord(String text, int i, int to) {
    while (i < to && !Character.isLetterOrDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of the word starting at {@code start}. */
  private static int wordEnd(String text, int start, int to) {
    int i = start + 1;
    while (i < to && Character.isLetterOrDigit(text.charAt(i)) && !camelBoundary(text, i, to)) {
      i++;
    }
    return i;
  }

  /** {@code aB} and {@code 1B} start a word at B; so does {@code ABc} at B (an acronym's end). */
  private static boolean camelBoundary(String text, int i, int to) {
    char c = text.charAt(i);
    if (!Character.isUpperCase(c)) {
      return false;
    }
    char previous = text.charAt(i - 1);
    return Character.isLowerCase(previous) || Character.isDigit(previous)
        || (Character.isUpperCase(previous) && i + 1 < to && Character.isLowerCase(text.charAt(i + 1)));
  }
}
