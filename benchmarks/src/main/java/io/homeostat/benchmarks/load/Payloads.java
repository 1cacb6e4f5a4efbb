package io.homeostat.benchmarks.load;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Realistic OTLP export requests from a fixed seed: what a service's SDK would send, tagged with
 * the requirement keys Homeostat works on.
 *
 * <p>A span carries eight attributes (one of them {@code req}) and encodes to about 320 bytes;
 * spans come as traces of ten (a server span and its children). Log records belong to those traces. Metrics are ten instruments, half gauges and
 * half sums, with the data points spread over them. Ids come from the seed, so two runs send the
 * same bytes; timestamps start at the moment the pool is made.
 */
public final class Payloads {

  /** Items per request, as the testbed batches them. */
  public static final int ITEMS_PER_REQUEST = 100;
  /** Distinct requests per pool: enough that the server never sees one request twice in a row. */
  public static final int POOL_SIZE = 16;
  /** The seed every run uses, so figures compare. */
  public static final long SEED = 20261121L;

  private static final int SPANS_PER_TRACE = 10;
  private static final int METRICS_PER_REQUEST = 10;

  private record Operation(String name, String method, String route, String requirement,
      String function) {}

  private static final List<Operation> OPERATIONS = List.of(
      new Operation("POST /api/v1/login", "POST", "/api/v1/login", "REQ-F-AUTH-001", "Auth.login"),
      new Operation("GET /api/v1/cart/{id}", "GET", "/api/v1/cart/{id}", "REQ-F-CART-002", "Cart.get"),
      new Operation("POST /api/v1/payments", "POST", "/api/v1/payments", "REQ-F-PAY-003", "Payments.charge"),
      new Operation("GET /api/v1/search", "GET", "/api/v1/search", "REQ-F-SEARCH-004", "Search.query"),
      new Operation("GET /api/v1/orders", "GET", "/api/v1/orders", "REQ-NFR-PERF-001", "Orders.list"));

  private static final List<String> CHILD_NAMES = List.of("SELECT accounts", "redis GET session",
      "HTTP POST fraud-check", "kafka publish orders", "validate token", "render response");

  private record Instrument(String name, String unit, boolean gauge, boolean monotonic,
      boolean integer) {}

  private static final List<Instrument> INSTRUMENTS = List.of(
      new Instrument("login_attempts", "{attempt}", false, true, true),
      new Instrument("login_latency_ms", "ms", true, false, false),
      new Instrument("login_success_rate", "1", true, false, false),
      new Instrument("http.server.request.count", "{request}", false, true, true),
      new Instrument("http.server.active_requests", "{request}", false, false, true),
      new Instrument("process.cpu.utilization", "1", true, false, false),
      new Instrument("queue.depth", "{message}", true, false, true),
      new Instrument("db.client.connections.usage", "{connection}", true, false, true),
      new Instrument("cart.items.added", "{item}", false, true, true),
      new Instrument("payment.amount", "EUR", false, true, false));

  private static final Status TIMEOUT = Status.newBuilder()
      .setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("timeout").build();

  private static final Resource RESOURCE = Resource.newBuilder()
      .addAttributes(string("service.name", "checkout"))
      .addAttributes(string("service.version", "2.4.1"))
      .addAttributes(string("deployment.environment", "production"))
      .addAttributes(string("host.name", "checkout-7f9c6d-x2k4p"))
      .build();

  private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder()
      .setName("io.homeostat.benchmarks").setVersion("1.0.0").build();

  private Payloads() {}

  /** The pool every scenario sends: {@link #POOL_SIZE} requests of {@link #ITEMS_PER_REQUEST}. */
  public static PayloadPool pool(Signal signal) {
    return pool(signal, POOL_SIZE, ITEMS_PER_REQUEST, SEED);
  }

  public static PayloadPool pool(Signal signal, int requests, int itemsPerRequest, long seed) {
    if (requests < 1 || itemsPerRequest < 1) {
      throw new IllegalArgumentException("a pool needs at least one request of at least one item, "
          + "was " + requests + " requests of " + itemsPerRequest);
    }
    Random random = new Random(seed);
    long startNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    List<byte[]> bodies = new ArrayList<>(requests);
    for (int i = 0; i < requests; i++) {
      bodies.add(request(signal, random, itemsPerRequest, startNanos).toByteArray());
    }
    return new PayloadPool(signal, itemsPerRequest, bodies);
  }

  /** One export request of {@code signal} with {@code items} spans, data points or log records. */
  public static Message request(Signal signal, Random random, int items, long startNanos) {
    return switch (signal) {
      case TRACES -> traces(random, items, startNanos);
      case LOGS -> logs(random, items, startNanos);
      case METRICS -> metrics(random, items, startNanos);
    };
  }

  static ExportTraceServiceRequest traces(Random random, int spans, long startNanos) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(SCOPE);
    ByteString traceId = ByteString.EMPTY;
    ByteString rootId = ByteString.EMPTY;
    Operation operation = OPERATIONS.get(0);
    for (int i = 0; i < spans; i++) {
      boolean root = i % SPANS_PER_TRACE == 0;
      if (root) {
        traceId = randomBytes(random, 16);
        operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
      }
      ByteString spanId = randomBytes(random, 8);
      long start = startNanos + random.nextInt(1_000_000_000);
      long duration = 200_000L + random.nextInt(50_000_000);
      boolean error = random.nextInt(50) == 0;
      Span.Builder span = Span.newBuilder()
          .setTraceId(traceId)
          .setSpanId(spanId)
          .setName(root ? operation.name() : CHILD_NAMES.get(random.nextInt(CHILD_NAMES.size())))
          .setKind(root ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_INTERNAL)
          .setStartTimeUnixNano(start)
          .setEndTimeUnixNano(start + duration)
          .setStatus(error ? TIMEOUT : Status.getDefaultInstance())
          .addAttributes(string("req", operation.requirement()))
          .addAttributes(string("http.request.method", operation.method()))
          .addAttributes(string("http.route", operation.route()))
          .addAttributes(integer("http.response.status_code", error ? 504 : 200))
          .addAttributes(string("server.address", "checkout-7f9c"))
          .addAttributes(string("client.address", "10.0.3." + random.nextInt(256)))
          .addAttributes(string("user.id", "user-" + (10_000 + random.nextInt(90_000))))
          .addAttributes(string("code.function", operation.function()));
      if (root) {
        rootId = spanId;
      } else {
        span.setParentSpanId(rootId);
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(RESOURCE).addScopeSpans(scope))
        .build();
  }

  static ExportLogsServiceRequest logs(Random random, int records, long startNanos) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(SCOPE);
    ByteString traceId = ByteString.EMPTY;
    Operation operation = OPERATIONS.get(0);
    for (int i = 0; i < records; i++) {
      if (i % SPANS_PER_TRACE == 0) {
        traceId = randomBytes(random, 16);
        operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
      }
      int roll = random.nextInt(100);
      SeverityNumber severity = roll < 2 ? SeverityNumber.SEVERITY_NUMBER_ERROR
          : roll < 10 ? SeverityNumber.SEVERITY_NUMBER_WARN : SeverityNumber.SEVERITY_NUMBER_INFO;
      String user = "user-" + (10_000 + random.nextInt(90_000));
      long time = startNanos + random.nextInt(1_000_000_000);
      scope.addLogRecords(LogRecord.newBuilder()
          .setTimeUnixNano(time)
          .setObservedTimeUnixNano(time + 1_000_000)
          .setSeverityNumber(severity)
          .setSeverityText(severity.name().substring("SEVERITY_NUMBER_".length()))
          .setBody(AnyValue.newBuilder().setStringValue(operation.method() + " " + operation.route()
              + (severity == SeverityNumber.SEVERITY_NUMBER_ERROR ? " failed: upstream timed out"
                  : " completed") + " for " + user + " in " + random.nextInt(500) + " ms"))
          .addAttributes(string("req", operation.requirement()))
          .addAttributes(string("code.function", operation.function()))
          .addAttributes(string("user.id", user))
          .addAttributes(string("http.route", operation.route()))
          .setTraceId(traceId)
          .setSpanId(randomBytes(random, 8)));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(RESOURCE).addScopeLogs(scope))
        .build();
  }

  static ExportMetricsServiceRequest metrics(Random random, int points, long startNanos) {
    int instruments = Math.min(METRICS_PER_REQUEST, points);
    List<List<NumberDataPoint>> byInstrument = new ArrayList<>(instruments);
    for (int m = 0; m < instruments; m++) {
      byInstrument.add(new ArrayList<>());
    }
    long time = startNanos + random.nextInt(1_000_000_000);
    for (int i = 0; i < points; i++) {
      int m = i % instruments;
      Instrument instrument = INSTRUMENTS.get(m);
      Operation operation = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
      NumberDataPoint.Builder point = NumberDataPoint.newBuilder()
          .setStartTimeUnixNano(startNanos)
          .setTimeUnixNano(time)
          .addAttributes(string("req", operation.requirement()))
          .addAttributes(string("http.route", operation.route()))
          .addAttributes(string("status", random.nextInt(20) == 0 ? "failure" : "success"));
      if (instrument.integer()) {
        point.setAsInt(random.nextInt(10_000));
      } else {
        point.setAsDouble(random.nextDouble() * 1000);
      }
      byInstrument.get(m).add(point.build());
    }
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(SCOPE);
    for (int m = 0; m < instruments; m++) {
      Instrument instrument = INSTRUMENTS.get(m);
      Metric.Builder metric = Metric.newBuilder().setName(instrument.name()).setUnit(instrument.unit());
      if (instrument.gauge()) {
        metric.setGauge(Gauge.newBuilder().addAllDataPoints(byInstrument.get(m)));
      } else {
        metric.setSum(Sum.newBuilder().addAllDataPoints(byInstrument.get(m))
            .setIsMonotonic(instrument.monotonic())
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE));
      }
      scope.addMetrics(metric);
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(ResourceMetrics.newBuilder().setResource(RESOURCE).addScopeMetrics(scope))
        .build();
  }

  private static ByteString randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }

  private static KeyValue string(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private static KeyValue integer(String key, long value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }
}
