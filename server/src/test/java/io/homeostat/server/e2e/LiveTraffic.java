package io.homeostat.server.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Telemetry of an auth service as it happens: spans and counter points stamped with the current
 * time (targets judge records by their own timestamps), posted over OTLP/HTTP.
 */
final class LiveTraffic {

  private static final Resource AUTH = Resource.newBuilder()
      .addAttributes(attr("service.name", "auth-service")).build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final Random random;
  private final long attemptsStart = System.currentTimeMillis() * 1_000_000L;
  private long successes;
  private long failures;
  private long nextId = 1;
  /** The trace ids of the spans sent, as hex, for checking exemplars. */
  final List<String> traceIds = new ArrayList<>();

  LiveTraffic(int httpPort, long seed) {
    this.base = "http://127.0.0.1:" + httpPort;
    this.random = new Random(seed);
  }

  static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  /** {@code count} {@code auth.login} spans of {@code REQ-NFR-PERF-001} ending now, durations in ms. */
  void logins(int count, IntToDoubleFunction millis) throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      long id = nextId++;
      byte[] trace = ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(id).array();
      traceIds.add(HexFormat.of().formatHex(trace));
      scope.addSpans(Span.newBuilder().setName("auth.login").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setTraceId(ByteString.copyFrom(trace))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
          .setStartTimeUnixNano(now - (long) (millis.applyAsDouble(i) * 1_000_000L))
          .setEndTimeUnixNano(now)
          .addAttributes(attr("req", "REQ-NFR-PERF-001")));
    }
    post("/v1/traces", ExportTraceServiceRequest.newBuilder().addResourceSpans(
        ResourceSpans.newBuilder().setResource(AUTH).addScopeSpans(scope)).build());
  }

  /** {@code count} failed spans of one kind of error, with an exception event, for {@code req}. */
  void errors(int count, String req, String type, String message) throws Exception {
    long now = System.currentTimeMillis() * 1_000_000L;
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      long id = nextId++;
      scope.addSpans(Span.newBuilder().setName("POST /api/v1/payments").setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(random.nextLong()).putLong(id).array()))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
          .setStartTimeUnixNano(now - 30_000_000L).setEndTimeUnixNano(now)
          .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
          .addAttributes(attr("req", req)).addAttributes(attr("enduser.id", "u-" + (id % 7)))
          .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(now)
              .addAttributes(attr("exception.type", type))
              .addAttributes(attr("exception.message", message.replace("#", Long.toString(id))))
              .addAttributes(attr("exception.stacktrace", type + ": declined\n\tat Payments.charge(Payments.java:42)"))));
    }
    post("/v1/traces", ExportTraceServiceRequest.newBuilder().addResourceSpans(
        ResourceSpans.newBuilder().setResource(AUTH).addScopeSpans(scope)).build());
  }

  /**
   * Login attempts as the SDK's cumulative counter reports them, without a requirement key: the
   * catalog's metric definitions give it.
   */
  void attempts(int succeeded, int failed) throws Exception {
    successes += succeeded;
    failures += failed;
    long now = System.currentTimeMillis() * 1_000_000L;
    Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(attemptsStart).setTimeUnixNano(now)
        .setAsInt(successes).addAttributes(attr("status", "success")));
    sum.addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(attemptsStart).setTimeUnixNano(now)
        .setAsInt(failures).addAttributes(attr("status", "failure")));
    post("/v1/metrics", ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
        ResourceMetrics.newBuilder().setResource(AUTH).addScopeMetrics(ScopeMetrics.newBuilder()
            .addMetrics(Metric.newBuilder().setName("login_attempts").setSum(sum)))).build());
  }

  double jitter() {
    return random.nextDouble();
  }

  private void post(String path, Message request) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError("the server refused traffic: " + response.statusCode() + " " + response.body());
    }
  }
}
