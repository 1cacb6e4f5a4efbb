package io.homeostat.core.config;

/**
 * One thing wrong (or doubtful) in a config file: where, at which YAML path, and what to do.
 * Printed as {@code file:line:column: path: message}.
 */
public record ConfigProblem(Severity severity, Location location, String path, String message) {

  public enum Severity { ERROR, WARNING }

  @Override
  public String toString() {
    String where = location.toString();
    String prefix = severity == Severity.WARNING ? "warning: " : "";
    return path.isEmpty() ? where + ": " + prefix + message
        : where + ": " + prefix + path + ": " + message;
  }
}
