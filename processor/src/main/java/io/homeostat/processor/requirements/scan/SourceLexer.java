package io.homeostat.processor.requirements.scan;

import io.homeostat.processor.requirements.scan.Language.Quote;
import io.homeostat.processor.requirements.scan.Language.TripleQuotes;
import io.homeostat.processor.requirements.scan.SourceLine.Comment;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source file into lines of code and comments, carrying block comments and multi-line
 * strings from line to line. Not a parser: it knows just enough of each language's comment and
 * string syntax that a {@code //} in a string is not a comment and a brace in a string is not code.
 */
final class SourceLexer {

  private enum Mode { CODE, BLOCK_COMMENT, TRIPLE_QUOTED, BACKTICK }

  private final Language language;
  private Mode mode = Mode.CODE;
  /** The delimiter that closes the current triple-quoted string: three double or single quotes. */
  private String tripleDelimiter;

  private SourceLexer(Language language) {
    this.language = language;
  }

  static List<SourceLine> lex(String text, Language language) {
    SourceLexer lexer = new SourceLexer(language);
    String[] lines = text.split("\r?\n|\r", -1);
    List<SourceLine> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      out.add(lexer.line(i + 1, lines[i]));
    }
    return out;
  }

  private SourceLine line(int number, String line) {
    boolean continued = mode != Mode.CODE;
    char[] code = line.toCharArray();
    List<Comment> comments = new ArrayList<>(1);
    int n = line.length();
    if (n == 0 && (mode == Mode.BLOCK_COMMENT
        || mode == Mode.TRIPLE_QUOTED && language.tripleQuotes == TripleQuotes.DOCSTRING)) {
      // An empty line inside a comment is part of the comment block, not a blank line after it.
      comments.add(new Comment(0, "", mode == Mode.TRIPLE_QUOTED));
    }
    int i = 0;
    while (i < n) {
      switch (mode) {
        case BLOCK_COMMENT -> {
          int end = line.indexOf("*/", i);
          int stop = end < 0 ? n : end;
          comments.add(new Comment(i, line.substring(i, stop), false));
          int next = end < 0 ? n : end + 2;
          blank(code, i, next);
          i = next;
          if (end >= 0) {
            mode = Mode.CODE;
          }
        }
        case TRIPLE_QUOTED -> {
          int end = line.indexOf(tripleDelimiter, i);
          int stop = end < 0 ? n : end;
          if (language.tripleQuotes == TripleQuotes.DOCSTRING) {
            comments.add(new Comment(i, line.substring(i, stop), true));
          }
          blank(code, i, stop);
          i = end < 0 ? n : end + 3;
          if (end >= 0) {
            mode = Mode.CODE;
          }
        }
        case BACKTICK -> {
          int end = closing(line, i, '`');
          blank(code, i, end < 0 ? n : end);
          i = end < 0 ? n : end + 1;
          if (end >= 0) {
            mode = Mode.CODE;
          }
        }
        case CODE -> i = code(line, i, code, comments);
      }
    }
    return new SourceLine(number, new String(code), List.copyOf(comments), continued);
  }

  /** Reads code from {@code i} up to the next comment or string; returns where to go on. */
  private int code(String line, int i, char[] code, List<Comment> comments) {
    int n = line.length();
    char c = line.charAt(i);
    if (line.startsWith(language.lineComment, i)) {
      comments.add(new Comment(i, line.substring(i + language.lineComment.length()), false));
      blank(code, i, n);
      return n;
    }
    if (language.blockComments && line.startsWith("/*", i)) {
      mode = Mode.BLOCK_COMMENT;
      blank(code, i, i + 2);
      return i + 2;
    }
    if (language.tripleQuotes != TripleQuotes.NONE && (line.startsWith("\"\"\"", i)
        || language.tripleQuotes == TripleQuotes.DOCSTRING && line.startsWith("'''", i))) {
      mode = Mode.TRIPLE_QUOTED;
      tripleDelimiter = line.substring(i, i + 3);
      return i + 3;
    }
    if (c == '"' || c == '\'' && language.singleQuote == Quote.STRING) {
      int end = closing(line, i + 1, c);
      blank(code, i + 1, end < 0 ? n : end);
      return end < 0 ? n : end + 1;
    }
    if (c == '\'') {
      int length = charLiteralLength(line, i);
      blank(code, i + 1, i + Math.max(1, length - 1));
      return i + Math.max(1, length);
    }
    if (c == '`' && language.backtickStrings) {
      mode = Mode.BACKTICK;
      return i + 1;
    }
    return i + 1;
  }

  /** The index of the unescaped {@code quote} closing a string from {@code from}, or -1. */
  private static int closing(String line, int from, char quote) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  /** The length of a character literal at {@code i} ({@code 'x'}, {@code '\n'}, {@code '\u0041'}), or 0. */
  private static int charLiteralLength(String line, int i) {
    int n = line.length();
    if (i + 2 < n && line.charAt(i + 1) != '\\' && line.charAt(i + 2) == '\'') {
      return 3;
    }
    if (i + 1 < n && line.charAt(i + 1) == '\\') {
      int end = line.indexOf('\'', i + 3);
      return end < 0 || end - i > 12 ? 0 : end - i + 1;
    }
    return 0;
  }

  private static void blank(char[] code, int from, int to) {
    for (int i = Math.max(0, from); i < Math.min(to, code.length); i++) {
      code[i] = ' ';
    }
  }
}
