package io.homeostat.exporter.sending;

import java.time.Duration;

/**
 * A failed attempt that may succeed if the request is sent again (the backend is unreachable,
 * overloaded or restarting). Its message says what failed and what to check.
 */
public class ExportException extends Exception {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public ExportException(String message, Throwable cause) {
    this(message, Duration.ZERO, cause);
  }

  /** @param retryAfter the wait the backend asked for, {@link Duration#ZERO} when it gave none */
  public ExportException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** The wait the backend asked for; {@link Duration#ZERO} when it gave none. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
