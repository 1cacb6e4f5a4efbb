package io.homeostat.processor.requirements.scan;

import io.homeostat.processor.requirements.scan.SourceLine.Comment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markers of a Python file: {@code def} and {@code class} statements open scopes that last while
 * the lines below are indented deeper. A marker in a function's body or docstring is that
 * function's; a marker in a {@code #} comment block right above a {@code def} (decorators in
 * between) is the declared function's.
 */
final class PythonFunctions extends FunctionTracker {

  private static final Pattern DEF = Pattern.compile("^\\s*(?:async\\s+)?def\\s+([A-Za-z_]\\w*)");
  private static final Pattern CLASS = Pattern.compile("^\\s*class\\s+[A-Za-z_]");

  /** A def (named) or class (name null) statement, and the indent of its line. */
  private record Scope(int indent, String function) {}

  private final List<Scope> scopes = new ArrayList<>();
  /** Open brackets: lines inside them continue a statement. */
  private int depth;

  private PythonFunctions(String file) {
    super(file);
  }

  static List<Marker> markers(String file, List<SourceLine> lines) {
    return new PythonFunctions(file).markers(lines);
  }

  @Override
  void line(SourceLine line) {
    if (line.hasCode() && !line.continued() && depth == 0) {
      statement(line);
    }
    for (int i = 0; i < line.code().length(); i++) {
      char c = line.code().charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      }
    }
    for (Comment comment : line.comments()) {
      for (List<String> keys : MarkerText.keys(comment.text())) {
        if (comment.docstring() || line.hasCode()) {
          found(line.number(), keys, enclosing(Integer.MAX_VALUE));
        } else {
          waitForDeclaration(line.number(), keys, enclosing(comment.column()));
        }
      }
    }
  }

  /** A line that starts a statement: it closes the scopes it is not indented under. */
  private void statement(SourceLine line) {
    int indent = line.indent();
    while (!scopes.isEmpty() && scopes.get(scopes.size() - 1).indent() >= indent) {
      scopes.remove(scopes.size() - 1);
    }
    String code = line.code();
    if (code.strip().startsWith("@")) {
      return;
    }
    Matcher def = DEF.matcher(code);
    if (def.find()) {
      resolve(def.group(1));
      scopes.add(new Scope(indent, def.group(1)));
      return;
    }
    resolve(null);
    if (CLASS.matcher(code).find()) {
      scopes.add(new Scope(indent, null));
    }
  }

  /** The innermost function whose body a line indented by {@code column} would be in. */
  private String enclosing(int column) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Scope scope = scopes.get(i);
      if (scope.indent() < column && scope.function() != null) {
        return scope.function();
      }
    }
    return null;
  }
}
