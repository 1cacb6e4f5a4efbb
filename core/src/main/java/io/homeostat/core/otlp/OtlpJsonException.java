package io.homeostat.core.otlp;

import java.io.IOException;

/**
 * OTLP/JSON input that cannot be decoded. The message says what is wrong and where, e.g.
 * {@code resourceSpans[0].scopeSpans[0].spans[3].traceId: expected 32 hex digits (a 16-byte trace
 * id), got "abc" (line 1, column 118)}; the parts are available on their own so that a receiver can
 * answer with a {@code google.rpc.BadRequest} field violation.
 */
public final class OtlpJsonException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;
  private final int line;
  private final int column;

  OtlpJsonException(String path, String reason, int line, int column, Throwable cause) {
    super(format(path, reason, line, column), cause);
    this.path = path;
    this.reason = reason;
    this.line = line;
    this.column = column;
  }

  private static String format(String path, String reason, int line, int column) {
    String where = line < 0 ? "" : " (line " + line + ", column " + column + ")";
    return path.isEmpty() ? reason + where : path + ": " + reason + where;
  }

  /** The JSON path of the offending value, e.g. {@code resourceSpans[0].resource}; empty at the top level. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path and position. */
  public String reason() {
    return reason;
  }

  /** 1-based line of the offending value, or -1 when unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the offending value, or -1 when unknown. */
  public int column() {
    return column;
  }
}
