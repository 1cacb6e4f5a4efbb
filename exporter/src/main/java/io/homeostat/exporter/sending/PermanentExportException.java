package io.homeostat.exporter.sending;

import java.time.Duration;

/**
 * A failure that sending the same request again cannot fix (the backend refused it as invalid,
 * too large, unauthorized): the request is dropped at once and counted as failed.
 */
public final class PermanentExportException extends ExportException {

  private static final long serialVersionUID = 1L;

  public PermanentExportException(String message, Throwable cause) {
    super(message, Duration.ZERO, cause);
  }
}
