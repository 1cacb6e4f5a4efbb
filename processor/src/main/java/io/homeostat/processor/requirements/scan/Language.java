package io.homeostat.processor.requirements.scan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the scanner reads a file, by its extension: comment and string syntax (to find comments,
 * and not to mistake a brace or a comment marker inside a string), and how functions are
 * declared, for the languages where the scanner names the enclosing function.
 */
enum Language {
  PYTHON("#", false, Quote.STRING, false, TripleQuotes.DOCSTRING, FunctionStyle.PYTHON,
      "py", "pyi"),
  JAVA("//", true, Quote.CHAR, false, TripleQuotes.STRING, FunctionStyle.JAVA, "java"),
  KOTLIN("//", true, Quote.CHAR, false, TripleQuotes.STRING, FunctionStyle.KOTLIN, "kt", "kts"),
  SCALA("//", true, Quote.CHAR, false, TripleQuotes.STRING, FunctionStyle.SCALA, "scala", "sc"),
  CSHARP("//", true, Quote.CHAR, false, TripleQuotes.STRING, FunctionStyle.CSHARP, "cs"),
  TYPESCRIPT("//", true, Quote.STRING, true, TripleQuotes.NONE, FunctionStyle.TYPESCRIPT,
      "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"),
  GO("//", true, Quote.CHAR, true, TripleQuotes.NONE, FunctionStyle.GO, "go"),
  RUST("//", true, Quote.CHAR, false, TripleQuotes.NONE, FunctionStyle.RUST, "rs"),
  /** Other languages with C-style comments: markers are found, functions are not named. */
  C_STYLE("//", true, Quote.CHAR, false, TripleQuotes.NONE, FunctionStyle.NONE,
      "c", "h", "cc", "cpp", "cxx", "hh", "hpp", "m", "swift", "dart", "groovy", "php"),
  HASH("#", false, Quote.STRING, false, TripleQuotes.NONE, FunctionStyle.NONE,
      "sh", "bash", "zsh", "rb", "pl", "pm", "r", "yaml", "yml", "toml", "tf", "properties",
      "cfg", "conf", "ex", "exs", "cmake", "jl", "nim", "ps1"),
  DASH("--", false, Quote.STRING, false, TripleQuotes.NONE, FunctionStyle.NONE,
      "sql", "lua", "hs", "elm", "adb", "ads");

  /** What a single quote starts. */
  enum Quote {
    /** A string, as in Python or JavaScript. */
    STRING,
    /** A character literal such as {@code 'x'} or {@code '\n'}; a lone quote (a Rust lifetime) is code. */
    CHAR
  }

  /** What {@code """} starts. */
  enum TripleQuotes {
    NONE,
    /** A multi-line string (Java text blocks, Kotlin and Scala raw strings). */
    STRING,
    /** A Python triple-quoted string, read as a comment: docstrings hold markers. */
    DOCSTRING
  }

  enum FunctionStyle { NONE, PYTHON, JAVA, CSHARP, KOTLIN, SCALA, TYPESCRIPT, GO, RUST }

  private static final Map<String, Language> BY_EXTENSION = new HashMap<>();

  static {
    for (Language language : values()) {
      for (String extension : language.extensions) {
        BY_EXTENSION.put(extension, language);
      }
    }
  }

  final String lineComment;
  final boolean blockComments;
  final Quote singleQuote;
  final boolean backtickStrings;
  final TripleQuotes tripleQuotes;
  final FunctionStyle functions;
  private final String[] extensions;

  Language(String lineComment, boolean blockComments, Quote singleQuote, boolean backtickStrings,
      TripleQuotes tripleQuotes, FunctionStyle functions, String... extensions) {
    this.lineComment = lineComment;
    this.blockComments = blockComments;
    this.singleQuote = singleQuote;
    this.backtickStrings = backtickStrings;
    this.tripleQuotes = tripleQuotes;
    this.functions = functions;
    this.extensions = extensions;
  }

  /** The language of a file, by its extension, or null when the scanner does not read it. */
  static Language of(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? null : BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
