package io.homeostat.processor.requirements.scan;

import java.util.List;

/**
 * One line of a source file as the lexer split it.
 *
 * @param number 1-based
 * @param code the line with comments and the contents of strings blanked out (columns kept), so
 *     that braces, parentheses and keywords in it are code
 * @param comments the comments on the line, in column order
 * @param continued true when the line starts inside a comment or a string of an earlier line
 */
record SourceLine(int number, String code, List<Comment> comments, boolean continued) {

  /**
   * A comment, or the part of one on this line.
   *
   * @param docstring true for a Python triple-quoted string, which documents the code it is in
   *     rather than the code below it
   */
  record Comment(int column, String text, boolean docstring) {}

  boolean hasCode() {
    return !code.isBlank();
  }

  boolean isBlank() {
    return !hasCode() && comments.isEmpty();
  }

  /** The width of the line's leading white space, a tab counting up to the next multiple of 8. */
  int indent() {
    int width = 0;
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == ' ') {
        width++;
      } else if (c == '\t') {
        width = (width / 8 + 1) * 8;
      } else {
        break;
      }
    }
    return width;
  }
}
