package io.homeostat.homeostasis.engine;

import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/** What the engine reads of a span. */
final class Spans {

  private static final String EXCEPTION_EVENT = "exception";

  private Spans() {}

  /** The span's place in time: when it ended (when it started, if its end is unknown). */
  static long time(Span span) {
    return span.getEndTimeUnixNano() != 0 ? span.getEndTimeUnixNano() : span.getStartTimeUnixNano();
  }

  /** The span's duration in milliseconds; negative for a span that ends before it starts. */
  static double durationMillis(Span span) {
    return (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6;
  }

  /** Status ERROR, or an {@code exception} event (instrumentation that records without a status). */
  static boolean failed(Span span) {
    if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
      return true;
    }
    for (int i = 0; i < span.getEventsCount(); i++) {
      if (EXCEPTION_EVENT.equals(span.getEvents(i).getName())) {
        return true;
      }
    }
    return false;
  }
}
