package io.homeostat.homeostasis.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.nio.ByteBuffer;
import java.util.List;

/** OTLP records for tests, built the way instrumentation sends them. */
public final class Otlp {

  private Otlp() {}

  public static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  public static KeyValue attr(String key, boolean value) {
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setBoolValue(value)).build();
  }

  /** An array of strings, as the requirements processor writes several keys. */
  public static KeyValue attr(String key, List<String> values) {
    var array = io.opentelemetry.proto.common.v1.ArrayValue.newBuilder();
    values.forEach(v -> array.addValues(AnyValue.newBuilder().setStringValue(v)));
    return KeyValue.newBuilder().setKey(key)
        .setValue(AnyValue.newBuilder().setArrayValue(array)).build();
  }

  /** Trace id number {@code n}: 16 bytes, {@code n} in the last eight. */
  public static ByteString traceId(long n) {
    return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(0x4bf92f3577b34da6L).putLong(n).array());
  }

  public static String traceHex(long n) {
    return java.util.HexFormat.of().formatHex(traceId(n).toByteArray());
  }

  /** A span of trace {@code trace} for {@code requirement} that ended with status ERROR. */
  public static Span.Builder failedSpan(String requirement, long trace, String statusMessage) {
    return Span.newBuilder().setName("POST /orders").setTraceId(traceId(trace))
        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(trace).array()))
        .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
        .addAttributes(attr("req", requirement))
        .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)
            .setMessage(statusMessage));
  }

  /** An {@code exception} event as the OpenTelemetry SDKs record one. */
  public static Span.Event exception(String type, String message, String stackTrace) {
    Span.Event.Builder event = Span.Event.newBuilder().setName("exception")
        .addAttributes(attr("exception.type", type))
        .addAttributes(attr("exception.message", message));
    if (stackTrace != null) {
      event.addAttributes(attr("exception.stacktrace", stackTrace));
    }
    return event.build();
  }

  public static ExportTraceServiceRequest traces(Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  /** A log record at {@code severity} (OTLP severity number) for {@code requirement}. */
  public static LogRecord.Builder log(int severity, String requirement, String body) {
    return LogRecord.newBuilder().setSeverityNumberValue(severity)
        .setBody(AnyValue.newBuilder().setStringValue(body))
        .addAttributes(attr("req", requirement));
  }

  public static ExportLogsServiceRequest logs(LogRecord.Builder... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (LogRecord.Builder record : records) {
      scope.addLogRecords(record);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scope)).build();
  }
}
