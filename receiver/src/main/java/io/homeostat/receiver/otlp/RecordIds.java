package io.homeostat.receiver.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Checks the trace and span ids of spans and log records, which every later stage (trace
 * inheritance, sampling, Tempo) relies on: a span needs a 16-byte trace id, an 8-byte span id and
 * an empty or 8-byte parent; a log record's ids are optional but, when set, of those lengths.
 *
 * <p>A request is only rebuilt when something in it is wrong (copy on write), so valid traffic
 * costs one pass over the records and no allocation.
 */
final class RecordIds {

  static final int TRACE_ID_BYTES = 16;
  static final int SPAN_ID_BYTES = 8;

  private RecordIds() {}

  /**
   * What the check found.
   *
   * @param request the request without the invalid records; the same instance when all are valid
   * @param rejected how many records were taken out
   * @param problem for the client: how many and what was wrong with the first; empty when none
   */
  record Checked(Message request, int rejected, String problem) {}

  /** Checks {@code request}: spans and log records are checked, metrics pass as they are. */
  static Checked check(Message request) {
    if (request instanceof ExportTraceServiceRequest traces) {
      return checkSpans(traces);
    }
    if (request instanceof ExportLogsServiceRequest logs) {
      return checkLogRecords(logs);
    }
    return new Checked(request, 0, "");
  }

  private static Checked checkSpans(ExportTraceServiceRequest request) {
    Tally<Span> tally = new Tally<>(RecordIds::valid);
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        tally.count(scope.getSpansList());
      }
    }
    if (tally.rejected == 0) {
      return new Checked(request, 0, "");
    }
    ExportTraceServiceRequest.Builder kept = request.toBuilder();
    for (ResourceSpans.Builder resource : kept.getResourceSpansBuilderList()) {
      for (ScopeSpans.Builder scope : resource.getScopeSpansBuilderList()) {
        if (tally.hasInvalid(scope.getSpansList())) {
          List<Span> valid = tally.validOf(scope.getSpansList());
          scope.clearSpans().addAllSpans(valid);
        }
      }
    }
    return new Checked(kept.build(), tally.rejected,
        tally.problem("span", "spans", describe(tally.first)));
  }

  private static Checked checkLogRecords(ExportLogsServiceRequest request) {
    Tally<LogRecord> tally = new Tally<>(RecordIds::valid);
    for (ResourceLogs resource : request.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        tally.count(scope.getLogRecordsList());
      }
    }
    if (tally.rejected == 0) {
      return new Checked(request, 0, "");
    }
    ExportLogsServiceRequest.Builder kept = request.toBuilder();
    for (ResourceLogs.Builder resource : kept.getResourceLogsBuilderList()) {
      for (ScopeLogs.Builder scope : resource.getScopeLogsBuilderList()) {
        if (tally.hasInvalid(scope.getLogRecordsList())) {
          List<LogRecord> valid = tally.validOf(scope.getLogRecordsList());
          scope.clearLogRecords().addAllLogRecords(valid);
        }
      }
    }
    return new Checked(kept.build(), tally.rejected,
        tally.problem("log record", "log records", describe(tally.first)));
  }

  private static boolean valid(Span span) {
    return span.getTraceId().size() == TRACE_ID_BYTES && span.getSpanId().size() == SPAN_ID_BYTES
        && emptyOr(span.getParentSpanId(), SPAN_ID_BYTES);
  }

  private static boolean valid(LogRecord record) {
    return emptyOr(record.getTraceId(), TRACE_ID_BYTES)
        && emptyOr(record.getSpanId(), SPAN_ID_BYTES);
  }

  private static boolean emptyOr(ByteString id, int length) {
    return id.isEmpty() || id.size() == length;
  }

  private static String describe(Span span) {
    String which = "span '" + span.getName() + "' has ";
    if (span.getTraceId().size() != TRACE_ID_BYTES) {
      return which + bytes(span.getTraceId()) + " trace_id, not " + TRACE_ID_BYTES;
    }
    if (span.getSpanId().size() != SPAN_ID_BYTES) {
      return which + bytes(span.getSpanId()) + " span_id, not " + SPAN_ID_BYTES;
    }
    return which + bytes(span.getParentSpanId()) + " parent_span_id, not " + SPAN_ID_BYTES
        + " or empty";
  }

  private static String describe(LogRecord record) {
    if (!emptyOr(record.getTraceId(), TRACE_ID_BYTES)) {
      return "a log record has " + bytes(record.getTraceId()) + " trace_id, not " + TRACE_ID_BYTES
          + " or empty";
    }
    return "a log record has " + bytes(record.getSpanId()) + " span_id, not " + SPAN_ID_BYTES
        + " or empty";
  }

  private static String bytes(ByteString id) {
    return "a " + id.size() + "-byte";
  }

  /** Counts the invalid records of one request and keeps the first, for the message. */
  private static final class Tally<T> {
    private final Predicate<T> valid;
    private int rejected;
    private T first;

    Tally(Predicate<T> valid) {
      this.valid = valid;
    }

    void count(List<T> records) {
      for (T record : records) {
        if (!valid.test(record)) {
          rejected++;
          first = first == null ? record : first;
        }
      }
    }

    boolean hasInvalid(List<T> records) {
      for (T record : records) {
        if (!valid.test(record)) {
          return true;
        }
      }
      return false;
    }

    List<T> validOf(List<T> records) {
      List<T> kept = new ArrayList<>(records.size());
      for (T record : records) {
        if (valid.test(record)) {
          kept.add(record);
        }
      }
      return kept;
    }

    String problem(String one, String many, String firstProblem) {
      return rejected + " " + (rejected == 1 ? one : many)
          + " rejected for malformed ids; the first: " + firstProblem;
    }
  }
}
