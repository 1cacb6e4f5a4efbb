package io.homeostat.processor.requirements.scan;

import io.homeostat.processor.requirements.scan.Language.FunctionStyle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a declaration gives the block that follows it, read from the code before the block's
 * opening brace (the "header": everything since the previous statement or block ended). Languages
 * that declare functions with a keyword ({@code fun}, {@code def}, {@code func}, {@code fn},
 * {@code function}) are read by that keyword; Java, C# and TypeScript methods by the identifier
 * before the header's last parenthesised list, less control statements and calls.
 */
final class FunctionNames {

  private static final Pattern KOTLIN =
      Pattern.compile("\\bfun\\s+(?:<[^>]*>\\s*)?(?:[A-Za-z_][\\w.<>?]*\\.)?([A-Za-z_]\\w*)\\s*\\(");
  private static final Pattern SCALA = Pattern.compile("\\bdef\\s+([A-Za-z_]\\w*)");
  private static final Pattern GO =
      Pattern.compile("\\bfunc\\s*(?:\\([^)]*\\)\\s*)?([A-Za-z_]\\w*)\\s*[\\[(]");
  private static final Pattern RUST = Pattern.compile("\\bfn\\s+([A-Za-z_]\\w*)");
  private static final Pattern JS_FUNCTION =
      Pattern.compile("\\bfunction\\s*\\*?\\s*([A-Za-z_$][\\w$]*)\\s*(?:<[^>]*>)?\\s*\\(");
  /**
   * {@code const name = (…) =>}, {@code name: async (…) =>}, {@code name = function (…)}, at the
   * start of the header, so that a parameter's arrow type is not taken for a declaration.
   */
  private static final Pattern JS_ASSIGNED = Pattern.compile(
      "^\\s*(?:(?:export|default|const|let|var|static|readonly|public|private|protected)\\s+)*"
          + "([A-Za-z_$][\\w$]*)\\s*(?::[^=()]*)?[:=]\\s*(?:async\\s+)?"
          + "(?:function\\b|(?:<[^>]*>\\s*)?(?:\\([^)]*\\)|[A-Za-z_$][\\w$]*)\\s*(?::[^=]+)?=>)");

  /** What may follow a method's parameter list before its body. */
  private static final Pattern JAVA_TRAILER = Pattern.compile("\\s*(?:throws\\s+[\\w.$<>,\\s]+)?");
  private static final Pattern CSHARP_TRAILER = Pattern.compile("\\s*(?:where\\s+.+)?");
  private static final Pattern TS_TRAILER = Pattern.compile("\\s*(?::\\s*[^(){};=]+)?");

  /** Type declarations, whose parenthesised lists (records, primary constructors) are not methods. */
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("\\b(?:class|interface|enum|record|struct)\\s+[A-Za-z_]");

  /** Words before a parenthesised list that make it a statement or a call, not a method. */
  private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch",
      "synchronized", "return", "new", "throw", "super", "this", "try", "else", "do", "assert",
      "using", "lock", "foreach", "fixed", "base", "nameof", "typeof", "sizeof", "checked",
      "unchecked", "when", "function", "await", "yield", "with", "in", "of");

  private FunctionNames() {}

  /** The function a block opened after {@code header} is the body of, or null. */
  static String atBrace(FunctionStyle style, CharSequence header) {
    String declared = declared(style, header);
    if (declared != null) {
      return declared;
    }
    return switch (style) {
      case JAVA -> method(header, JAVA_TRAILER);
      case CSHARP -> method(header, CSHARP_TRAILER);
      case TYPESCRIPT -> method(header, TS_TRAILER);
      case KOTLIN, SCALA, GO, RUST, NONE, PYTHON -> null;
    };
  }

  /**
   * The function {@code header} declares by keyword or assignment, whether or not a brace follows
   * (an expression body, a signature whose brace is on a later line); null for languages whose
   * methods are only known by their brace.
   */
  static String declared(FunctionStyle style, CharSequence header) {
    return switch (style) {
      case KOTLIN -> last(KOTLIN, header);
      case SCALA -> last(SCALA, header);
      case GO -> last(GO, header);
      case RUST -> last(RUST, header);
      case TYPESCRIPT -> {
        String function = last(JS_FUNCTION, header);
        yield function != null ? function : last(JS_ASSIGNED, header);
      }
      case JAVA, CSHARP, NONE, PYTHON -> null;
    };
  }

  private static String last(Pattern pattern, CharSequence header) {
    Matcher matcher = pattern.matcher(header);
    String name = null;
    while (matcher.find()) {
      name = matcher.group(1);
    }
    return name;
  }

  /** The identifier before the header's final parameter list, if the header is a method's. */
  private static String method(CharSequence text, Pattern trailer) {
    String header = text.toString().strip();
    int close = header.lastIndexOf(')');
    if (close < 0 || !trailer.matcher(header.substring(close + 1)).matches()
        || TYPE_DECLARATION.matcher(header).find()) {
      return null;
    }
    int open = opening(header, close, '(');
    if (open < 0) {
      return null;
    }
    int end = skipSpaceBack(header, open);
    if (end > 0 && header.charAt(end - 1) == '>') {
      end = skipSpaceBack(header, Math.max(0, opening(header, end - 1, '<')));
    }
    int start = end;
    while (start > 0 && isIdentifierPart(header.charAt(start - 1))) {
      start--;
    }
    if (start == end || Character.isDigit(header.charAt(start))) {
      return null;
    }
    String name = header.substring(start, end);
    int before = skipSpaceBack(header, start);
    int previousStart = before;
    while (previousStart > 0 && isIdentifierPart(header.charAt(previousStart - 1))) {
      previousStart--;
    }
    boolean call = before > 0 && header.charAt(before - 1) == '.'
        || header.substring(previousStart, before).equals("new");
    return call || NOT_METHODS.contains(name) ? null : name;
  }

  /** The index of the bracket {@code open} that the closing bracket at {@code close} closes, or -1. */
  private static int opening(String text, int close, char open) {
    char closing = text.charAt(close);
    int depth = 0;
    for (int i = close; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == closing) {
        depth++;
      } else if (c == open && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpaceBack(String text, int end) {
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
