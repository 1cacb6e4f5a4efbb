package io.homeostat.processor.redaction;

/**
 * Payment card numbers: 13 to 19 digits that start with 2 to 6 (the major industry identifiers of
 * banking and payment cards) and pass the Luhn check, written in one piece or in groups separated
 * by single spaces or dashes.
 *
 * <p>Grouped numbers must be grouped as cards are printed: fours with a shorter last group
 * ({@code 4111 1111 1111 1111}, {@code 6011-0009-9013-9424}, and 19-digit 4-4-4-4-3), or 4-6-5 and
 * 4-6-4 (American Express, Diners). That keeps lists of small numbers ({@code 12 34 56 ...}) from
 * being read as cards. The Luhn check and the first digit keep order ids and epoch timestamps
 * (which start with 1 until the year 2286) from being masked; digits glued to letters (hex ids,
 * {@code order4111...}) and the fraction of a decimal number are not candidates at all.
 *
 * <p>A run of digit groups is read once, keeping only its last five groups, so the cost is linear
 * and a scan that finds nothing allocates nothing. One instance per processor, as it keeps that
 * state between calls.
 */
final class Cards {

  private static final int MIN_DIGITS = 13;
  private static final int MAX_DIGITS = 19;
  /** The most groups a grouped card has (4-4-4-4-3). */
  private static final int WINDOW = 5;

  private final int[] groupStarts = new int[WINDOW];
  private final int[] groupEnds = new int[WINDOW];

  /**
   * Reads the run of digits starting at {@code start} (a digit), adds the card numbers in it, and
   * returns where the run ends.
   */
  int scanRun(String text, int start, Findings out) {
    int n = text.length();
    if (!startsRun(text, start)) {
      int i = start;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      return i;
    }
    int groups = 0;
    int at = start;
    while (true) {
      int groupStart = at;
      while (at < n && isDigit(text.charAt(at))) {
        at++;
      }
      groupStarts[groups % WINDOW] = groupStart;
      groupEnds[groups % WINDOW] = at;
      groups++;
      boolean continues = at + 1 < n && (text.charAt(at) == ' ' || text.charAt(at) == '-')
          && isDigit(text.charAt(at + 1));
      boolean glued = !continues && at < n && Character.isLetter(text.charAt(at));
      if (!glued) {
        addCardEndingAtLastGroup(text, groups, out);
      }
      if (!continues) {
        return at;
      }
      at++;
    }
  }

  /** True when {@code number} is a card number, as an integer attribute may carry one. */
  static boolean isCard(long number) {
    if (number <= 0) {
      return false;
    }
    int digits = 0;
    long leading = number;
    int sum = 0;
    for (long rest = number; rest > 0; rest /= 10) {
      int digit = (int) (rest % 10);
      sum += digits % 2 == 1 ? doubled(digit) : digit;
      digits++;
      leading = rest;
    }
    return digits >= MIN_DIGITS && digits <= MAX_DIGITS && leading >= 2 && leading <= 6
        && sum % 10 == 0;
  }

  /** A run starts at the start of the text or after anything but a letter, a digit or "1.". */
  private static boolean startsRun(String text, int start) {
    if (start == 0) {
      return true;
    }
    char previous = text.charAt(start - 1);
    if (Character.isLetterOrDigit(previous)) {
      return false;
    }
    return !(previous == '.' && start >= 2 && isDigit(text.charAt(start - 2)));
  }

  /** Adds the longest card among the windows of groups that end with the newest group. */
  private void addCardEndingAtLastGroup(String text, int groups, Findings out) {
    int last = groups - 1;
    for (int first = Math.max(0, groups - WINDOW); first <= last; first++) {
      if (grouped(first, last) && isCard(text, first, last)) {
        out.add(groupStarts[first % WINDOW], groupEnds[last % WINDOW], Rule.CARD);
        return;
      }
    }
  }

  /** True when groups {@code first..last} are laid out as a card is printed. */
  private boolean grouped(int first, int last) {
    int digits = 0;
    for (int g = first; g <= last; g++) {
      digits += length(g);
    }
    if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
      return false;
    }
    int count = last - first + 1;
    if (count == 1) {
      return true;
    }
    if (count == 3 && length(first) == 4 && length(first + 1) == 6
        && (length(last) == 4 || length(last) == 5)) {
      return true;
    }
    for (int g = first; g < last; g++) {
      if (length(g) != 4) {
        return false;
      }
    }
    return length(last) <= 4;
  }

  private boolean isCard(String text, int first, int last) {
    char leading = text.charAt(groupStarts[first % WINDOW]);
    if (leading < '2' || leading > '6') {
      return false;
    }
    int sum = 0;
    int position = 0;
    for (int g = last; g >= first; g--) {
      for (int i = groupEnds[g % WINDOW] - 1; i >= groupStarts[g % WINDOW]; i--) {
        int digit = text.charAt(i) - '0';
        sum += position % 2 == 1 ? doubled(digit) : digit;
        position++;
      }
    }
    return sum % 10 == 0;
  }

  private int length(int group) {
    return groupEnds[group % WINDOW] - groupStarts[group % WINDOW];
  }

  private static int doubled(int digit) {
    int twice = digit * 2;
    return twice > 9 ? twice - 9 : twice;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
