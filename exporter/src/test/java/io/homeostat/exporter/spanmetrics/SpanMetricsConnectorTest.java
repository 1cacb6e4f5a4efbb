package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.testing.Await;
import io.homeostat.core.testing.ManualClock;
import static io.homeostat.exporter.spanmetrics.Spans.CHECKOUT;
import static io.homeostat.exporter.spanmetrics.Spans.error;
import static io.homeostat.exporter.spanmetrics.Spans.id;
import static io.homeostat.exporter.spanmetrics.Spans.request;
import static io.homeostat.exporter.spanmetrics.Spans.resource;
import static io.homeostat.exporter.spanmetrics.Spans.span;
import static io.homeostat.exporter.spanmetrics.Spans.string;
import static io.homeostat.exporter.spanmetrics.Spans.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.ConfigFixture;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the connector makes of spans, read from the requests it hands to the metrics pipelines. */
class SpanMetricsConnectorTest {

  private static final String CALLS = "traces.span.metrics.calls";
  private static final String DURATION = "traces.span.metrics.duration";
  private static final String CART = "service.name=checkout, span.name=GET /cart, "
      + "span.kind=SPAN_KIND_SERVER, status.code=STATUS_CODE_UNSET, req=REQ-F-CART-001";
  private static final String CART_ERROR = "service.name=checkout, span.name=GET /cart, "
      + "span.kind=SPAN_KIND_SERVER, status.code=STATUS_CODE_ERROR, req=REQ-F-CART-001";
  private static final String PAY = "service.name=checkout, span.name=POST /pay, "
      + "span.kind=SPAN_KIND_SERVER, status.code=STATUS_CODE_UNSET, req=REQ-F-PAY-002";
  private static final KeyValue CART_REQ = string("req", "REQ-F-CART-001");
  private static final long MINUTE = 60_000_000_000L;

  private final ManualClock clock = new ManualClock(Spans.T0);
  private final CapturingConsumer pipelines = new CapturingConsumer();
  private final MetricRegistry registry = new MetricRegistry();
  private SpanMetricsConnector connector;

  @AfterEach
  void stop() {
    if (connector != null) {
      connector.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  private SpanMetricsConnector connector(String yaml) {
    SpanMetricsConfig config = ConfigFixture.bind(new SpanMetricsConnectorFactory(),
        "spanmetrics:\n" + yaml);
    connector = new SpanMetricsConnector(new ComponentSettings(ComponentId.of("spanmetrics"),
        registry, Path.of(".")), config, pipelines, clock);
    return connector;
  }

  private ExportMetricsServiceRequest flushAfter(Duration wait) throws InterruptedException {
    clock.advance(wait);
    connector.flush();
    return pipelines.next();
  }

  @Test
  void callsAndDurationsPerRequirementServiceSpanNameKindAndStatus() throws Exception {
    connector("");
    connector.offer(Signal.TRACES, request(CHECKOUT,
        span("GET /cart", 3_000, 1, CART_REQ), span("GET /cart", 7_000, 2, CART_REQ),
        error(span("GET /cart", 120_000, 3, CART_REQ)),
        span("POST /pay", 1_500_000, 4, string("req", "REQ-F-PAY-002"))));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));

    assertEquals(1, flushed.getResourceMetricsCount());
    assertEquals(CHECKOUT, flushed.getResourceMetrics(0).getResource());
    assertEquals("spanmetricsconnector",
        flushed.getResourceMetrics(0).getScopeMetrics(0).getScope().getName());
    Metric calls = Flushed.metrics(flushed).get(0).get(CALLS);
    assertTrue(calls.getSum().getIsMonotonic());
    assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
        calls.getSum().getAggregationTemporality());
    assertEquals("", calls.getUnit());
    Metric duration = Flushed.metrics(flushed).get(0).get(DURATION);
    assertEquals("ms", duration.getUnit());
    assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
        duration.getHistogram().getAggregationTemporality());

    assertEquals(Map.of(CART, 2L, CART_ERROR, 1L, PAY, 1L), Flushed.callCounts(flushed));
    NumberDataPoint cartCalls = Flushed.calls(flushed, CALLS).get(CART);
    assertEquals(Spans.START, cartCalls.getStartTimeUnixNano());
    assertEquals(Spans.START + MINUTE, cartCalls.getTimeUnixNano());
    assertEquals(0, cartCalls.getExemplarsCount());

    Map<String, HistogramDataPoint> durations = Flushed.durations(flushed, DURATION);
    HistogramDataPoint cart = durations.get(CART);
    assertEquals(List.of(2.0, 4.0, 6.0, 8.0, 10.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1000.0,
        1400.0, 2000.0, 5000.0, 10000.0, 15000.0), cart.getExplicitBoundsList());
    assertEquals(List.of(0L, 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
        cart.getBucketCountsList());
    assertEquals(2, cart.getCount());
    assertEquals(10.0, cart.getSum(), 1e-9);
    assertEquals(3.0, cart.getMin(), 1e-9);
    assertEquals(7.0, cart.getMax(), 1e-9);
    assertEquals(Spans.START, cart.getStartTimeUnixNano());
    assertEquals(Spans.START + MINUTE, cart.getTimeUnixNano());
    assertEquals(1, durations.get(CART_ERROR).getBucketCounts(7), "120 ms is in (100, 200]");
    assertEquals(1, durations.get(PAY).getBucketCounts(12), "1500 ms is in (1400, 2000]");
  }

  @Test
  void aSpanWithSeveralRequirementsCountsForEachAndOneWithoutCountsAsUntagged() throws Exception {
    connector("  exclude_dimensions: [service.name, span.kind, status.code]\n");
    connector.offer(Signal.TRACES, request(CHECKOUT,
        span("a", 1_000, 1, strings("req", "REQ-A", "REQ-B")),
        span("a", 1_000, 2, string("req", "REQ-A, REQ-C REQ-A")),
        span("a", 1_000, 3),
        span("a", 1_000, 4, string("req", ""))));
    connector.offer(Signal.TRACES, request(resource(string("req", "REQ-SERVICE")),
        span("a", 1_000, 5), span("a", 1_000, 6, string("req", "REQ-OWN"))));

    assertEquals(Map.of("span.name=a, req=REQ-A", 2L, "span.name=a, req=REQ-B", 1L,
            "span.name=a, req=REQ-C", 1L, "span.name=a, req=REQ-UNTAGGED", 2L,
            "span.name=a, req=REQ-SERVICE", 1L, "span.name=a, req=REQ-OWN", 1L),
        Flushed.callCounts(flushAfter(Duration.ofSeconds(60))));
  }

  @Test
  void extraDimensionsComeFromTheSpanThenTheResourceThenTheirDefault() throws Exception {
    connector("""
          exclude_dimensions: [span.name, span.kind, status.code]
          dimensions:
            - { name: http.request.method, default: GET }
            - { name: deployment.environment }
            - { name: http.response.status_code }
        """);
    KeyValue ok = KeyValue.newBuilder().setKey("http.response.status_code")
        .setValue(AnyValue.newBuilder().setIntValue(200)).build();
    Resource production = resource(string("service.name", "checkout"),
        string("deployment.environment", "production"));
    connector.offer(Signal.TRACES, request(production,
        span("a", 1_000, 1, CART_REQ, string("http.request.method", "POST"), ok),
        span("a", 1_000, 2, CART_REQ, string("deployment.environment", "staging"))));
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 3, CART_REQ)));

    assertEquals(Map.of(
            "service.name=checkout, http.request.method=POST, deployment.environment=production, "
                + "http.response.status_code=200, req=REQ-F-CART-001", 1L,
            "service.name=checkout, http.request.method=GET, deployment.environment=staging, "
                + "req=REQ-F-CART-001", 1L,
            "service.name=checkout, http.request.method=GET, req=REQ-F-CART-001", 1L),
        Flushed.callCounts(flushAfter(Duration.ofSeconds(60))));
  }

  @Test
  void excludedDimensionsAreLeftOutAndTheirSeriesMerge() throws Exception {
    connector("  exclude_dimensions: [service.name, span.name, span.kind, status.code]\n");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 1_000, 1, CART_REQ),
        error(span("POST /cart", 1_000, 2, CART_REQ))));

    assertEquals(Map.of("req=REQ-F-CART-001", 2L),
        Flushed.callCounts(flushAfter(Duration.ofSeconds(60))));
  }

  @Test
  void bucketsAreWrittenInTheHistogramsUnitAndABoundClosesItsBucket() throws Exception {
    connector("""
          exclude_dimensions: [service.name, span.name, span.kind, status.code]
          histogram: { unit: s, explicit: { buckets: [100ms, 1s] } }
        """);
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 50_000, 1, CART_REQ),
        span("a", 100_000, 2, CART_REQ), span("a", 2_000_000, 3, CART_REQ)));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));
    assertEquals("s", Flushed.metrics(flushed).get(0).get(DURATION).getUnit());
    HistogramDataPoint point = Flushed.durations(flushed, DURATION).get("req=REQ-F-CART-001");
    assertEquals(List.of(0.1, 1.0), point.getExplicitBoundsList());
    assertEquals(List.of(2L, 0L, 1L), point.getBucketCountsList());
    assertEquals(2.15, point.getSum(), 1e-9);
  }

  @Test
  void aSpanThatEndsBeforeItStartsLastsNoTime() throws Exception {
    connector("  exclude_dimensions: [service.name, span.name, span.kind, status.code]\n");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 0, 1, CART_REQ)
        .setEndTimeUnixNano(Spans.START - 5_000_000)));

    HistogramDataPoint point = Flushed.durations(flushAfter(Duration.ofSeconds(60)), DURATION)
        .get("req=REQ-F-CART-001");
    assertEquals(0.0, point.getSum());
    assertEquals(1, point.getBucketCounts(0));
  }

  @Test
  void anExponentialHistogramKeepsEveryDurationAtTheFinestScaleThatFits() throws Exception {
    connector("""
          exclude_dimensions: [service.name, span.name, span.kind, status.code]
          histogram: { exponential: { max_size: 160 } }
        """);
    List<Span.Builder> spans = new ArrayList<>();
    for (int k = 0; k <= 10; k++) {
      spans.add(span("a", 1_000L << k, k, CART_REQ));
    }
    spans.add(span("a", 0, 11, CART_REQ));
    connector.offer(Signal.TRACES, request(CHECKOUT, spans.toArray(Span.Builder[]::new)));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));
    Metric duration = Flushed.metrics(flushed).get(0).get(DURATION);
    assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE,
        duration.getExponentialHistogram().getAggregationTemporality());
    ExponentialHistogramDataPoint point = Flushed.exponential(flushed, DURATION)
        .get("req=REQ-F-CART-001");
    // 1 ms to 1024 ms: 2^0 to 2^10. At scale 4 the powers of two close buckets −1 to 159, 161
    // buckets, one too many; at scale 3 they close buckets −1, 7, 15, ... 79.
    assertEquals(3, point.getScale());
    assertEquals(1, point.getZeroCount());
    assertEquals(-1, point.getPositive().getOffset());
    List<Long> expected = new ArrayList<>();
    for (int i = -1; i <= 79; i++) {
      expected.add((i + 1) % 8 == 0 ? 1L : 0L);
    }
    assertEquals(expected, point.getPositive().getBucketCountsList());
    assertEquals(12, point.getCount());
    assertEquals(2047.0, point.getSum(), 1e-9);
    assertEquals(0.0, point.getMin());
    assertEquals(1024.0, point.getMax());
  }

  @Test
  void withTheHistogramDisabledOnlyCallsGoOut() throws Exception {
    connector("  histogram: { disable: true }\n");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 1_000, 1, CART_REQ)));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));
    assertEquals(List.of(CALLS), List.copyOf(Flushed.metrics(flushed).get(0).keySet()));
    assertEquals(Map.of(CART, 1L), Flushed.callCounts(flushed));
  }

  @Test
  void cumulativePointsCarryEverythingSinceTheSeriesBeganAndARefusedFlushLosesNothing()
      throws Exception {
    connector("");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 3_000, 1, CART_REQ)));
    assertEquals(Map.of(CART, 1L), Flushed.callCounts(flushAfter(Duration.ofSeconds(60))));

    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 3_000, 2, CART_REQ),
        span("POST /pay", 3_000, 3, string("req", "REQ-F-PAY-002"))));
    pipelines.answer(CapturingConsumer.FULL);
    assertEquals(Map.of(CART, 2L, PAY, 1L), Flushed.callCounts(flushAfter(Duration.ofSeconds(60))));
    assertEquals(1, registry.value("homeostat_spanmetrics_refused_flushes_total",
        "connector", "spanmetrics"));

    pipelines.answer(Outcome.ACCEPTED);
    ExportMetricsServiceRequest third = flushAfter(Duration.ofSeconds(60));
    assertEquals(Map.of(CART, 2L, PAY, 1L), Flushed.callCounts(third));
    NumberDataPoint cart = Flushed.calls(third, CALLS).get(CART);
    assertEquals(Spans.START, cart.getStartTimeUnixNano());
    assertEquals(Spans.START + 3 * MINUTE, cart.getTimeUnixNano());
    assertEquals(Spans.START + MINUTE, Flushed.calls(third, CALLS).get(PAY).getStartTimeUnixNano());
    assertEquals(2, Flushed.durations(third, DURATION).get(CART).getCount());
  }

  @Test
  void deltaPointsCarryWhatCameSinceTheLastFlushThePipelinesTook() throws Exception {
    connector("  aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA\n");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 3_000, 1, CART_REQ)));
    ExportMetricsServiceRequest first = flushAfter(Duration.ofSeconds(60));
    assertEquals(Map.of(CART, 1L), Flushed.callCounts(first));
    assertEquals(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA,
        Flushed.metrics(first).get(0).get(CALLS).getSum().getAggregationTemporality());
    HistogramDataPoint firstDurations = Flushed.durations(first, DURATION).get(CART);
    assertEquals(3.0, firstDurations.getMin(), 1e-9);

    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 5_000, 2, CART_REQ),
        span("GET /cart", 7_000, 3, CART_REQ)));
    pipelines.answer(CapturingConsumer.FULL);
    assertEquals(Map.of(CART, 2L), Flushed.callCounts(flushAfter(Duration.ofSeconds(60))));

    pipelines.answer(Outcome.ACCEPTED);
    connector.offer(Signal.TRACES, request(CHECKOUT, span("POST /pay", 1_000, 4,
        string("req", "REQ-F-PAY-002"))));
    ExportMetricsServiceRequest third = flushAfter(Duration.ofSeconds(60));
    assertEquals(Map.of(CART, 2L, PAY, 1L), Flushed.callCounts(third));
    NumberDataPoint cart = Flushed.calls(third, CALLS).get(CART);
    assertEquals(Spans.START + MINUTE, cart.getStartTimeUnixNano());
    assertEquals(Spans.START + 3 * MINUTE, cart.getTimeUnixNano());
    HistogramDataPoint cartDurations = Flushed.durations(third, DURATION).get(CART);
    assertEquals(2, cartDurations.getCount());
    assertEquals(12.0, cartDurations.getSum(), 1e-9);
    assertEquals(List.of(0L, 0L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
        cartDurations.getBucketCountsList());
    assertFalse(cartDurations.hasMin(), "an interval's minimum is unknown");

    connector.offer(Signal.TRACES, request(CHECKOUT, span("POST /pay", 1_000, 5,
        string("req", "REQ-F-PAY-002"))));
    assertEquals(Map.of(PAY, 1L), Flushed.callCounts(flushAfter(Duration.ofSeconds(60))),
        "a series without new spans is left out");

    clock.advance(Duration.ofSeconds(60));
    connector.flush();
    assertEquals(0, pipelines.pending(), "nothing new, nothing sent");
  }

  @Test
  void pastTheCardinalityLimitSpansCountInOneOverflowSeries() throws Exception {
    connector("""
          exclude_dimensions: [service.name, span.name, span.kind, status.code]
          aggregation_cardinality_limit: 2
        """);
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 1, string("req", "REQ-A")),
        span("a", 1_000, 2, string("req", "REQ-B")), span("a", 1_000, 3, string("req", "REQ-C")),
        span("a", 1_000, 4, string("req", "REQ-D")), span("a", 1_000, 5, string("req", "REQ-D")),
        span("a", 1_000, 6, string("req", "REQ-A"))));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));
    assertEquals(Map.of("req=REQ-A", 2L, "req=REQ-B", 1L, "otel.metric.overflow=true", 3L),
        Flushed.callCounts(flushed));
    assertEquals(Resource.getDefaultInstance(), flushed.getResourceMetrics(1).getResource(),
        "the overflow series belongs to no one resource");
    assertEquals(3, Flushed.durations(flushed, DURATION).get("otel.metric.overflow=true")
        .getCount());
    assertEquals(3, registry.value("homeostat_spanmetrics_overflow_spans_total",
        "connector", "spanmetrics"));
    assertEquals(2, registry.value("homeostat_spanmetrics_series", "connector", "spanmetrics"));
  }

  @Test
  void aSeriesWithoutSpansForTheExpirationIsLeftOutAndForgotten() throws Exception {
    connector("""
          exclude_dimensions: [service.name, span.name, span.kind, status.code]
          metrics_expiration: 2m
        """);
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 1, string("req", "REQ-A")),
        span("a", 1_000, 2, string("req", "REQ-B"))));
    clock.advance(Duration.ofSeconds(90));
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 3, string("req", "REQ-B"))));
    assertEquals(Map.of("req=REQ-A", 1L, "req=REQ-B", 2L),
        Flushed.callCounts(flushAfter(Duration.ZERO)));

    assertEquals(Map.of("req=REQ-B", 2L), Flushed.callCounts(flushAfter(Duration.ofSeconds(30))),
        "REQ-A saw no span for 2 minutes");
    assertEquals(2, registry.value("homeostat_spanmetrics_series", "connector", "spanmetrics"),
        "the pipeline thread removes it with the next request");

    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 4, string("req", "REQ-A"))));
    assertEquals(2, registry.value("homeostat_spanmetrics_series", "connector", "spanmetrics"));
    ExportMetricsServiceRequest flushed = flushAfter(Duration.ZERO);
    assertEquals(Map.of("req=REQ-A", 1L, "req=REQ-B", 2L), Flushed.callCounts(flushed),
        "REQ-A starts over");
    assertEquals(Spans.START + 2 * MINUTE, Flushed.calls(flushed, CALLS).get("req=REQ-A")
        .getStartTimeUnixNano());
  }

  @Test
  void exemplarsAreTheSlowestSpanSinceTheLastFlush() throws Exception {
    connector("""
          exclude_dimensions: [service.name, span.name, span.kind, status.code]
          exemplars: { enabled: true }
        """);
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 5_000, 1, CART_REQ),
        span("a", 9_000, 2, CART_REQ), span("a", 3_000, 3, CART_REQ)));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));
    Exemplar expected = Exemplar.newBuilder().setTraceId(id(16, 2)).setSpanId(id(8, 2))
        .setAsDouble(9.0).setTimeUnixNano(Spans.START + 9_000_000).build();
    assertEquals(List.of(expected),
        Flushed.calls(flushed, CALLS).get("req=REQ-F-CART-001").getExemplarsList());
    assertEquals(List.of(expected),
        Flushed.durations(flushed, DURATION).get("req=REQ-F-CART-001").getExemplarsList());

    assertEquals(0, Flushed.calls(flushAfter(Duration.ofSeconds(60)), CALLS)
        .get("req=REQ-F-CART-001").getExemplarsCount(), "no span since the last flush");
  }

  @Test
  void theNamespaceGoesBeforeTheNames() throws Exception {
    connector("  namespace: shop\n");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 1, CART_REQ)));
    assertEquals(List.of("shop.calls", "shop.duration"), Flushed.metrics(
        flushAfter(Duration.ofSeconds(60))).get(0).keySet().stream().sorted().toList());
  }

  @Test
  void withoutANamespaceTheNamesAreBare() throws Exception {
    connector("  namespace: \"\"\n");
    connector.offer(Signal.TRACES, request(CHECKOUT, span("a", 1_000, 1, CART_REQ)));
    assertEquals(List.of("calls", "duration"), Flushed.metrics(
        flushAfter(Duration.ofSeconds(60))).get(0).keySet().stream().sorted().toList());
  }

  @Test
  void theSeriesOfEachResourceGoOutUnderIt() throws Exception {
    connector("  exclude_dimensions: [span.name, span.kind, status.code]\n");
    Resource one = resource(string("service.name", "checkout"),
        string("service.instance.id", "checkout-1"));
    Resource two = resource(string("service.name", "checkout"),
        string("service.instance.id", "checkout-2"));
    connector.offer(Signal.TRACES, request(one, span("a", 1_000, 1, CART_REQ)));
    connector.offer(Signal.TRACES, request(two, span("a", 1_000, 2, CART_REQ),
        span("a", 1_000, 3, CART_REQ)));
    connector.offer(Signal.TRACES, request(one, span("a", 1_000, 4, CART_REQ)));

    ExportMetricsServiceRequest flushed = flushAfter(Duration.ofSeconds(60));
    Map<Resource, Long> byResource = new java.util.HashMap<>();
    flushed.getResourceMetricsList().forEach(r -> byResource.put(r.getResource(),
        r.getScopeMetrics(0).getMetricsList().stream().filter(m -> m.getName().equals(CALLS))
            .findFirst().orElseThrow().getSum().getDataPoints(0).getAsInt()));
    assertEquals(Map.of(one, 2L, two, 2L), byResource);
  }

  @Test
  void withNoSpansNothingIsSent() {
    connector("");
    connector.flush();
    assertEquals(0, pipelines.pending());
  }

  @Test
  void itsThreadFlushesEveryIntervalAndShutdownSendsTheLastSpans() throws Exception {
    connector("  metrics_flush_interval: 20ms\n");
    connector.start();
    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 1_000, 1, CART_REQ)));
    while (!Flushed.callCounts(pipelines.next()).equals(Map.of(CART, 1L))) {
      // earlier flushes may have run before the span came
    }
    connector.offer(Signal.TRACES, request(CHECKOUT, span("GET /cart", 1_000, 2, CART_REQ)));
    connector.shutdown(Deadline.in(Duration.ofSeconds(5)));
    ExportMetricsServiceRequest last = pipelines.next();
    while (pipelines.pending() > 0) {
      last = pipelines.next();
    }
    assertEquals(Map.of(CART, 2L), Flushed.callCounts(last));
    Await.until("the flush thread ends", () -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().equals("homeostat-spanmetrics-spanmetrics") && t.isAlive()));
    assertTrue(Double.isNaN(registry.value("homeostat_spanmetrics_series",
        "connector", "spanmetrics")), "the gauge leaves with the connector");
    connector = null;
  }
}
