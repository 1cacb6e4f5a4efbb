package io.homeostat.receiver.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Hand-built OTLP messages, for what the SDK would never send. */
final class TestRequests {

  private TestRequests() {}

  static ExportTraceServiceRequest traceRequest(Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder()
            .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }

  /** A span whose ids have the given lengths in bytes. */
  static Span span(String name, int traceIdBytes, int spanIdBytes, int parentIdBytes) {
    return Span.newBuilder().setName(name)
        .setTraceId(ByteString.copyFrom(filled(traceIdBytes, 1)))
        .setSpanId(ByteString.copyFrom(filled(spanIdBytes, 2)))
        .setParentSpanId(ByteString.copyFrom(filled(parentIdBytes, 3)))
        .setStartTimeUnixNano(SdkTelemetry.T0).setEndTimeUnixNano(SdkTelemetry.T0 + 1)
        .build();
  }

  static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
