package io.homeostat.processor.redaction;

/**
 * The ranges of one string that are to be redacted, each with its rule; reused from string to
 * string, so that a scan that finds nothing allocates nothing.
 *
 * <p>{@link #settle} sorts the ranges and merges those that overlap (an e-mail inside a
 * {@code password=} value, a blocked value across a card number): the merged range keeps the rule
 * of the one that starts first (found first, at equal starts), and replacing it leaves nothing of
 * either.
 */
final class Findings {

  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private Rule[] rules = new Rule[8];
  /** False for a range merged from several: a card's last four digits are only shown for a card alone. */
  private boolean[] alone = new boolean[8];
  private int count;
  private long[] keys = new long[0];

  void clear() {
    count = 0;
  }

  boolean isEmpty() {
    return count == 0;
  }

  void add(int start, int end, Rule rule) {
    if (count == starts.length) {
      int size = count * 2;
      starts = java.util.Arrays.copyOf(starts, size);
      ends = java.util.Arrays.copyOf(ends, size);
      rules = java.util.Arrays.copyOf(rules, size);
      alone = java.util.Arrays.copyOf(alone, size);
    }
    starts[count] = start;
    ends[count] = end;
    rules[count] = rule;
    alone[count] = true;
    count++;
  }

  /**
   * Sorts by start and merges overlapping ranges. Sorting goes through a primitive key per range
   * (start, then the order found), so that thousands of findings in one string stay cheap.
   */
  void settle() {
    if (count < 2) {
      return;
    }
    if (keys.length < count) {
      keys = new long[starts.length];
    }
    for (int i = 0; i < count; i++) {
      keys[i] = ((long) starts[i] << 32) | i;
    }
    java.util.Arrays.sort(keys, 0, count);
    int[] mergedStarts = new int[count];
    int[] mergedEnds = new int[count];
    Rule[] mergedRules = new Rule[count];
    boolean[] mergedAlone = new boolean[count];
    int merged = -1;
    for (int k = 0; k < count; k++) {
      int i = (int) keys[k];
      if (merged >= 0 && starts[i] < mergedEnds[merged]) {
        mergedEnds[merged] = Math.max(mergedEnds[merged], ends[i]);
        mergedAlone[merged] = false;
      } else {
        merged++;
        mergedStarts[merged] = starts[i];
        mergedEnds[merged] = ends[i];
        mergedRules[merged] = rules[i];
        mergedAlone[merged] = true;
      }
    }
    System.arraycopy(mergedStarts, 0, starts, 0, merged + 1);
    System.arraycopy(mergedEnds, 0, ends, 0, merged + 1);
    System.arraycopy(mergedRules, 0, rules, 0, merged + 1);
    System.arraycopy(mergedAlone, 0, alone, 0, merged + 1);
    count = merged + 1;
  }

  int size() {
    return count;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  Rule rule(int i) {
    return rules[i];
  }

  boolean alone(int i) {
    return alone[i];
  }

}
