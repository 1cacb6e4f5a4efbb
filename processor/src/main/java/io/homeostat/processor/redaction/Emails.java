package io.homeostat.processor.redaction;

/**
 * E-mail addresses, found around an {@code @} by hand rather than by a regular expression, so that
 * the cost stays linear whatever the input: the local part is read leftwards and the domain
 * rightwards, and neither reads across another {@code @}, so no character is read more than twice
 * however many {@code @} a string holds.
 *
 * <p>What counts as an address: a local part of letters, digits and {@code . _ % + -} (letters and
 * digits of any script too); an {@code @}; a domain of at least two labels of letters, digits and
 * {@code -}, whose last label starts with at least two letters (or is an {@code xn--} label).
 * A domain that ends in something else is cut back to its last label that fits, so
 * {@code bob@example.com.} and {@code bob@example.com-thanks} give {@code bob@example.com}, while
 * {@code lodash@4.17.21}, {@code @Override} and {@code admin@localhost} are no addresses.
 */
final class Emails {

  private Emails() {}

  /** Adds the address around the {@code @} at {@code at}, if there is one. */
  static void find(String text, int at, Findings out) {
    int start = at;
    while (start > 0 && isLocal(text.charAt(start - 1))) {
      start--;
    }
    while (start < at && text.charAt(start) == '.') {
      start++;
    }
    if (start == at) {
      return;
    }
    int end = domainEnd(text, at + 1);
    if (end > 0) {
      out.add(start, end, Rule.EMAIL);
    }
  }

  /** The end of the domain starting at {@code from}, or -1 when there is none. */
  private static int domainEnd(String text, int from) {
    int n = text.length();
    int end = -1;
    int labels = 0;
    int label = from;
    while (true) {
      int stop = label;
      while (stop < n && isLabel(text.charAt(stop))) {
        stop++;
      }
      if (stop == label) {
        return end;
      }
      labels++;
      if (labels >= 2) {
        int tld = topLevelEnd(text, label, stop);
        if (tld > 0) {
          end = tld;
        }
      }
      if (stop + 1 < n && text.charAt(stop) == '.' && isLabel(text.charAt(stop + 1))) {
        label = stop + 1;
      } else {
        return end;
      }
    }
  }

  /** Where a top-level domain in the label {@code [start, stop)} ends, or -1 if it holds none. */
  private static int topLevelEnd(String text, int start, int stop) {
    if (stop - start > 4 && text.regionMatches(true, start, "xn--", 0, 4)) {
      return stop;
    }
    int letters = start;
    while (letters < stop && Character.isLetter(text.charAt(letters))) {
      letters++;
    }
    return letters - start >= 2 ? letters : -1;
  }

  private static boolean isLocal(char c) {
    if (c < 128) {
      return isAsciiAlphanumeric(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }
    return Character.isLetterOrDigit(c);
  }

  private static boolean isLabel(char c) {
    return c < 128 ? isAsciiAlphanumeric(c) || c == '-' : Character.isLetterOrDigit(c);
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
