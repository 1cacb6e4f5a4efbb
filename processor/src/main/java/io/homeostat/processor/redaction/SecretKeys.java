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
 * <p>Keys are compared where they stand, in attribute keys and inside text, without allocating;
 * ASCII characters are classified by a table, and at each word only the names that start with its
 * first letter are tried, since this runs for every attribute key.
 */
final class SecretKeys {

  private static final byte OTHER = 0;
  private static final byte LOWER = 1;
  private static final byte UPPER = 2;
  private static final byte DIGIT = 3;
  /** The class of each ASCII character. */
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII[c] = LOWER;
      ASCII[Character.toUpperCase(c)] = UPPER;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII[c] = DIGIT;
    }
  }

  /** The names, each as its lower-case words, by the lower-case ASCII character they start with. */
  private final char[][][][] byFirstChar = new char[128][][][];
  /** The names that start with a character outside ASCII, tried at every such word. */
  private final char[][][] nonAscii;

  SecretKeys(List<String> names) {
    List<List<char[][]>> byFirst = new ArrayList<>();
    for (int c = 0; c < 128; c++) {
      byFirst.add(new ArrayList<>());
    }
    List<char[][]> others = new ArrayList<>();
    for (String name : names) {
      List<char[]> words = new ArrayList<>();
      int i = nextWord(name, 0, name.length());
      while (i < name.length()) {
        int end = wordEnd(name, i, name.length());
        words.add(name.substring(i, end).toLowerCase(Locale.ROOT).toCharArray());
        i = nextWord(name, end, name.length());
      }
      if (!words.isEmpty()) {
        char first = words.get(0)[0];
        (first < 128 ? byFirst.get(first) : others).add(words.toArray(char[][]::new));
      }
    }
    for (int c = 0; c < 128; c++) {
      byFirstChar[c] = byFirst.get(c).isEmpty() ? null : byFirst.get(c).toArray(char[][][]::new);
    }
    this.nonAscii = others.isEmpty() ? null : others.toArray(char[][][]::new);
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
      char first = lowerCase(text.charAt(i));
      char[][][] candidates = first < 128 ? byFirstChar[first] : nonAscii;
      if (candidates != null) {
        for (char[][] name : candidates) {
          if (nameAt(name, text, i, to)) {
            return true;
          }
        }
      }
      i = nextWord(text, wordEnd(text, i, to), to);
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
      if (lowerCase(text.charAt(start + i)) != word[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first letter or digit at or after {@code i}, or {@code to}. */
  private static int nextWord(String text, int i, int to) {
    while (i < to && classOf(text.charAt(i)) == OTHER) {
      i++;
    }
    return i;
  }

  /** The end of the word starting at {@code start}. */
  private static int wordEnd(String text, int start, int to) {
    byte previous = classOf(text.charAt(start));
    int i = start + 1;
    while (i < to) {
      byte current = classOf(text.charAt(i));
      if (current == OTHER || (current == UPPER && startsWord(previous, text, i, to))) {
        return i;
      }
      previous = current;
      i++;
    }
    return i;
  }

  /** {@code aB} and {@code 1B} start a word at B; so does {@code ABc} at B (an acronym's end). */
  private static boolean startsWord(byte previous, String text, int i, int to) {
    return previous == LOWER || previous == DIGIT
        || (previous == UPPER && i + 1 < to && classOf(text.charAt(i + 1)) == LOWER);
  }

  /** Letters of scripts without case count as lower case: they never start a camelCase word. */
  private static byte classOf(char c) {
    if (c < 128) {
      return ASCII[c];
    }
    if (Character.isUpperCase(c)) {
      return UPPER;
    }
    if (Character.isDigit(c)) {
      return DIGIT;
    }
    return Character.isLetter(c) ? LOWER : OTHER;
  }

  private static char lowerCase(char c) {
    if (c < 128) {
      return ASCII[c] == UPPER ? (char) (c + ('a' - 'A')) : c;
    }
    return Character.toLowerCase(c);
  }
}
