package io.homeostat.homeostasis.issues;

/**
 * The error class a message names at its start, as runtimes print an exception:
 * {@code java.lang.IllegalStateException: no session} or {@code ValueError: bad input}.
 */
final class ErrorTypes {

  /** The type of an error whose record names none and whose message names no class. */
  static final String GENERIC = "error";

  private ErrorTypes() {}

  /**
   * The class name at the start of {@code message} when it ends in {@code Exception} or
   * {@code Error} and is followed by {@code ':'} or nothing; otherwise null.
   */
  static String fromMessage(String message) {
    if (message == null || message.isEmpty()
        || !Character.isJavaIdentifierStart(message.charAt(0))) {
      return null;
    }
    int end = 1;
    while (end < message.length()) {
      char c = message.charAt(end);
      if (!Character.isJavaIdentifierPart(c) && c != '.') {
        break;
      }
      end++;
    }
    if (end < message.length() && message.charAt(end) != ':') {
      return null;
    }
    String name = message.substring(0, end);
    return name.endsWith("Exception") || name.endsWith("Error") ? name : null;
  }
}
