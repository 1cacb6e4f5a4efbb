package io.homeostat.processor.requirements.scan;

import io.homeostat.processor.requirements.scan.Language.FunctionStyle;
import io.homeostat.processor.requirements.scan.SourceLine.Comment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Markers of a language whose function bodies are braces (Java, Kotlin, Scala, C#, TypeScript,
 * JavaScript, Go, Rust): a stack of open blocks, each named by the declaration before its brace
 * (see {@link FunctionNames}), gives the function around a marker. A marker in a comment block
 * belongs to the function declared right below the block, if one is, with annotations and
 * decorators in between; a blank line, a statement or a block that is not a function ends the
 * wait.
 */
final class BraceFunctions extends FunctionTracker {

  /** An assignment, not a comparison or an arrow: the header is an expression, not a signature. */
  private static final Pattern ASSIGNMENT = Pattern.compile("(?<![=!<>])=(?![=>])");

  private final FunctionStyle style;
  /** Kotlin, Scala, Go, Rust and TypeScript end statements at line ends, not only at ';'. */
  private final boolean lineEndsStatements;
  /** The open blocks, innermost last: a function's name, or null for any other block. */
  private final List<String> blocks = new ArrayList<>();
  /** The code since the last statement or block ended, comments and strings blanked. */
  private final StringBuilder header = new StringBuilder();

  private BraceFunctions(String file, FunctionStyle style) {
    super(file);
    this.style = style;
    this.lineEndsStatements = style != FunctionStyle.JAVA && style != FunctionStyle.CSHARP;
  }

  static List<Marker> markers(String file, List<SourceLine> lines, FunctionStyle style) {
    return new BraceFunctions(file, style).markers(lines);
  }

  @Override
  void line(SourceLine line) {
    String code = line.code();
    List<Comment> comments = line.comments();
    int next = 0;
    boolean codeBefore = false;
    for (int column = 0; column <= code.length(); column++) {
      while (next < comments.size() && comments.get(next).column() <= column) {
        comment(line.number(), comments.get(next++), codeBefore);
      }
      if (column == code.length()) {
        break;
      }
      char c = code.charAt(column);
      codeBefore |= !Character.isWhitespace(c);
      switch (c) {
        case '{' -> {
          String name = FunctionNames.atBrace(style, header);
          resolve(name);
          blocks.add(name);
          header.setLength(0);
        }
        case '}' -> {
          resolve(null);
          if (!blocks.isEmpty()) {
            blocks.remove(blocks.size() - 1);
          }
          header.setLength(0);
        }
        case ';' -> {
          resolve(FunctionNames.declared(style, header));
          header.setLength(0);
        }
        default -> header.append(c);
      }
    }
    header.append(' ');
    if (lineEndsStatements && line.hasCode()) {
      lineEnd(code.strip());
    }
  }

  /** A marker after code on its line is in the code's function; one before it waits for the code. */
  private void comment(int line, Comment comment, boolean codeBefore) {
    for (List<String> keys : MarkerText.keys(comment.text())) {
      if (codeBefore) {
        found(line, keys, enclosing());
      } else {
        waitForDeclaration(line, keys, enclosing());
      }
    }
  }

  /**
   * Where a line can end a statement: a declaration without a brace on this line (an expression
   * body, or a signature whose brace comes later) names the waiting markers' function.
   */
  private void lineEnd(String code) {
    if (code.startsWith("@") || code.startsWith("#[") || !balanced(header)
        || continues(code)) {
      return;
    }
    String declared = FunctionNames.declared(style, header);
    resolve(declared);
    if (declared == null || ASSIGNMENT.matcher(header).find()) {
      header.setLength(0);
    }
  }

  private static boolean balanced(CharSequence text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      }
    }
    return depth <= 0;
  }

  /** A line that ends in an operator or a separator goes on on the next line. */
  private static boolean continues(String code) {
    if (code.isEmpty()) {
      return false;
    }
    char last = code.charAt(code.length() - 1);
    return ",([=:.+-*/&|?".indexOf(last) >= 0 || code.endsWith("=>") || code.endsWith("->");
  }

  private String enclosing() {
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (blocks.get(i) != null) {
        return blocks.get(i);
      }
    }
    return null;
  }
}
