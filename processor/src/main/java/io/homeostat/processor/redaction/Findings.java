package io.homeostat.processor.redaction;

import java.util.Arrays;

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

  private static final int INITIAL = 8;
  /** Past this many ranges the arrays are let go after use, not kept for every later string. */
  private static final int KEPT = 1024;

  private int[] starts = new int[INITIAL];
  private int[] ends = new int[INITIAL];
  private Rule[] rules = new Rule[INITIAL];
  /** False for a range merged from different findings: only a card alone shows its last digits. */
  private boolean[] alone = new boolean[INITIAL];
  private int count;
  private long[] keys = new long[0];

  void clear() {
    count = 0;
    if (starts.length > KEPT) {
      starts = new int[INITIAL];
      ends = new int[INITIAL];
      rules = new Rule[INITIAL];
      alone = new boolean[INITIAL];
      keys = new long[0];
    }
  }

  boolean isEmpty() {
    return count == 0;
  }

  void add(int start, int end, Rule rule) {
    if (count == starts.length) {
      int size = count * 2;
      starts = Arrays.copyOf(starts, size);
      ends = Arrays.copyOf(ends, size);
      rules = Arrays.copyOf(rules, size);
      alone = Arrays.copyOf(alone, size);
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
    Arrays.sort(keys, 0, count);
    int[] mergedStarts = new int[count];
    int[] mergedEnds = new int[count];
    Rule[] mergedRules = new Rule[count];
    boolean[] mergedAlone = new boolean[count];
    int merged = -1;
    for (int k = 0; k < count; k++) {
      int i = (int) keys[k];
      if (merged >= 0 && starts[i] < mergedEnds[merged]) {
        // One finding inside another of the same rule (a 16-digit card read on to 19 digits)
        // leaves the larger one as it was; anything else makes a merged range.
        boolean nested = starts[i] == mergedStarts[merged] || ends[i] <= mergedEnds[merged];
        if (!nested || rules[i] != mergedRules[merged]) {
          mergedAlone[merged] = false;
        }
        mergedEnds[merged] = Math.max(mergedEnds[merged], ends[i]);
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
