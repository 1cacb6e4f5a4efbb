package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * What makes a trace an error trace for {@code keep_errors}: a span with status ERROR or an
 * {@code exception} event (the semantic conventions' name for a recorded exception), or a log
 * record at severity ERROR or above, as DESIGN.md defines production errors.
 */
final class ErrorRecords {

  /** Compared as bytes, so that checking an event decodes no string. */
  private static final ByteString EXCEPTION = ByteString.copyFromUtf8("exception");

  private ErrorRecords() {}

  static boolean isError(Span span) {
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      return true;
    }
    for (int i = 0; i < span.getEventsCount(); i++) {
      if (EXCEPTION.equals(span.getEvents(i).getNameBytes())) {
        return true;
      }
    }
    return false;
  }

  static boolean isError(LogRecord record) {
    return record.getSeverityNumberValue() >= SeverityNumber.SEVERITY_NUMBER_ERROR_VALUE;
  }
}
