package io.homeostat.receiver.otlp;

import static io.homeostat.receiver.otlp.TestRequests.span;
import static io.homeostat.receiver.otlp.TestRequests.traceRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

  @Test
  void aValidRequestIsPassedOnAsTheSameInstance() throws Exception {
    ExportTraceServiceRequest traces = SdkTelemetry.traceRequest(SdkTelemetry.spans());
    ExportLogsServiceRequest logs = SdkTelemetry.logsRequest(SdkTelemetry.logs());
    ExportMetricsServiceRequest metrics = SdkTelemetry.metricsRequest(SdkTelemetry.metrics());
    for (var request : List.of(traces, logs, metrics)) {
      RecordIds.Checked checked = RecordIds.check(request);
      assertSame(request, checked.request());
      assertEquals(0, checked.rejected());
      assertEquals("", checked.problem());
    }
  }

  @Test
  void invalidSpansAreTakenOutWhereverTheyAreAndTheRestKeepsItsPlace() {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .addScopeSpans(scope(span("a", 16, 8, 0), span("long span id", 16, 9, 0)))
            .addScopeSpans(scope(span("b", 16, 8, 8))))
        .addResourceSpans(ResourceSpans.newBuilder()
            .addScopeSpans(scope(span("empty parent is a root", 16, 8, 0),
                span("short parent", 16, 8, 2))))
        .build();

    RecordIds.Checked checked = RecordIds.check(request);

    assertEquals(2, checked.rejected());
    assertEquals("2 spans rejected for malformed ids; the first: span 'long span id' has a 9-byte"
        + " span_id, not 8", checked.problem());
    ExportTraceServiceRequest kept = (ExportTraceServiceRequest) checked.request();
    assertEquals(List.of(List.of("a"), List.of("b")), names(kept.getResourceSpans(0)));
    assertEquals(List.of(List.of("empty parent is a root")), names(kept.getResourceSpans(1)));
  }

  @Test
  void theProblemNamesAMalformedParent() {
    RecordIds.Checked checked = RecordIds.check(traceRequest(span("child", 16, 8, 4)));
    assertEquals("1 span rejected for malformed ids; the first: span 'child' has a 4-byte"
        + " parent_span_id, not 8 or empty", checked.problem());
  }

  @Test
  void logRecordIdsAreOptionalButMustHaveTheirLengthWhenSet() {
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
            .addLogRecords(log("no ids", 0, 0))
            .addLogRecords(log("in a span", 16, 8))
            .addLogRecords(log("bad trace", 5, 8))
            .addLogRecords(log("bad span", 16, 16))
            .addLogRecords(log("trace only", 16, 0))))
        .build();

    RecordIds.Checked checked = RecordIds.check(request);

    assertEquals(2, checked.rejected());
    assertEquals("2 log records rejected for malformed ids; the first: a log record has a 5-byte"
        + " trace_id, not 16 or empty", checked.problem());
    assertEquals(List.of("no ids", "in a span", "trace only"),
        ((ExportLogsServiceRequest) checked.request()).getResourceLogs(0).getScopeLogs(0)
            .getLogRecordsList().stream().map(r -> r.getBody().getStringValue()).toList());
  }

  private static ScopeSpans scope(Span... spans) {
    return ScopeSpans.newBuilder().addAllSpans(List.of(spans)).build();
  }

  private static List<List<String>> names(ResourceSpans resource) {
    return resource.getScopeSpansList().stream()
        .map(scope -> scope.getSpansList().stream().map(Span::getName).toList()).toList();
  }

  private static LogRecord log(String body, int traceIdBytes, int spanIdBytes) {
    return LogRecord.newBuilder()
        .setBody(io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue(body))
        .setTraceId(ByteString.copyFrom(new byte[traceIdBytes]))
        .setSpanId(ByteString.copyFrom(new byte[spanIdBytes]))
        .build();
  }
}
