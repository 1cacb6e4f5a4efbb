package io.homeostat.exporter.spanmetrics;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.Arrays;

/** Spans and trace requests for the connector's tests. */
final class Spans {

  /** 2026-11-21T10:15:00Z: where the tests' clocks start. */
  static final java.time.Instant T0 = java.time.Instant.ofEpochSecond(1_795_256_100L);
  static final long START = T0.getEpochSecond() * 1_000_000_000L;
  static final Resource CHECKOUT = resource(string("service.name", "checkout"));

  private Spans() {}

  static Resource resource(KeyValue... attributes) {
    return Resource.newBuilder().addAllAttributes(Arrays.asList(attributes)).build();
  }

  static KeyValue string(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static KeyValue strings(String key, String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String value : values) {
      array.addValues(AnyValue.newBuilder().setStringValue(value));
    }
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setArrayValue(array))
        .build();
  }

  /** A server span with status unset, lasting {@code micros}, with trace and span id {@code n}. */
  static Span.Builder span(String name, long micros, int n, KeyValue... attributes) {
    return Span.newBuilder().setName(name).setKind(Span.SpanKind.SPAN_KIND_SERVER)
        .setTraceId(id(16, n)).setSpanId(id(8, n))
        .setStartTimeUnixNano(START).setEndTimeUnixNano(START + micros * 1_000)
        .addAllAttributes(Arrays.asList(attributes));
  }

  static Span.Builder error(Span.Builder span) {
    return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
  }

  static ByteString id(int length, int n) {
    byte[] bytes = new byte[length];
    bytes[length - 1] = (byte) n;
    bytes[0] = 0x4b;
    return ByteString.copyFrom(bytes);
  }

  static ExportTraceServiceRequest request(Resource resource, Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }
}
