package io.homeostat.core.config;

/** Where a config value was written: file, 1-based line and column. */
public record Location(String file, int line, int column) {

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }
}
