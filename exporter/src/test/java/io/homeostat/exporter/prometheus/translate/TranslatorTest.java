package io.homeostat.exporter.prometheus.translate;

import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.CUMULATIVE;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.RESOURCE;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.SCOPE;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.SECOND;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.SPAN_ID;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.T0;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.TRACE_ID;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.arrayAttribute;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.attribute;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.attributes;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.counter;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.exemplar;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.exponential;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.exponentialPoint;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.gauge;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogram;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.histogramPoint;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.number;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.resource;
import static io.homeostat.exporter.prometheus.translate.OtlpMetrics.summary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslatorTest {

  private static final long T1 = T0 + 10 * SECOND;
  private static final long T1_MILLIS = T1 / 1_000_000;

  private static Translator translator(boolean resourceToTelemetry, Map<String, String> labels) {
    return new Translator(new MetricNamer("", true), resourceToTelemetry, labels);
  }

  @Test
  void aCounterGetsJobInstanceScopeAndAttributeLabelsAndTheResourceATargetInfo() {
    List<PromPoint> points = translator(false, Map.of()).translate(request(counter("orders",
        "{order}", number(3L, T0, T1, attributes("req", "REQ-F-ORDER-001",
            "payment.method", "card")))));
    assertEquals(2, points.size());
    PromPoint.Number orders = (PromPoint.Number) points.get(0);
    assertEquals(new Family("orders_total", Kind.COUNTER, ""), orders.family());
    assertEquals("{instance=\"checkout-1\",job=\"shop/checkout\","
        + "otel_scope_name=\"io.homeostat.shop\",otel_scope_version=\"1.2.0\","
        + "payment_method=\"card\",req=\"REQ-F-ORDER-001\"}", orders.labels().toString());
    assertEquals(3.0, orders.value());
    assertEquals(T1_MILLIS, orders.timestampMillis());
    PromPoint.Number target = (PromPoint.Number) points.get(1);
    assertEquals(new Family("target_info", Kind.INFO, "Target metadata"), target.family());
    assertEquals("{cloud_region=\"eu\",instance=\"checkout-1\",job=\"shop/checkout\"}",
        target.labels().toString());
    assertEquals(1.0, target.value());
    assertEquals(T1_MILLIS, target.timestampMillis());
  }

  @Test
  void attributesThatBecomeOneLabelAreJoinedInKeyOrderAndArraysWithCommas() {
    var point = NumberDataPoint.newBuilder().setAsDouble(1).setTimeUnixNano(T1)
        .addAttributes(attribute("a_b", "underscore"))
        .addAttributes(attribute("a.b", "dot"))
        .addAttributes(attribute("a-b", "dash"))
        .addAttributes(arrayAttribute("req", "REQ-F-AUTH-001", "REQ-NFR-PERF-001"))
        .build();
    PromPoint only = translate(request(gauge("g", "", point))).get(0);
    assertEquals("dash;dot;underscore", only.labels().get("a_b"));
    assertEquals("REQ-F-AUTH-001,REQ-NFR-PERF-001", only.labels().get("req"));
  }

  @Test
  void jobInstanceAndScopeLabelsWinOverAttributesAndExporterLabelsOnlyFillGaps() {
    var point = number(1.0, 0, T1, attributes("job", "mine", "otel_scope_name", "mine",
        "instance", "mine", "env", "point"));
    List<PromPoint> points = translator(false, Map.of("env", "prod", "team", "shop"))
        .translate(request(gauge("g", "", point)));
    assertEquals("{env=\"point\",instance=\"checkout-1\",job=\"shop/checkout\","
        + "otel_scope_name=\"io.homeostat.shop\",otel_scope_version=\"1.2.0\",team=\"shop\"}",
        points.get(0).labels().toString());
    assertEquals("{cloud_region=\"eu\",env=\"prod\",instance=\"checkout-1\","
        + "job=\"shop/checkout\",team=\"shop\"}", points.get(1).labels().toString());
  }

  @Test
  void withResourceToTelemetryConversionEverySeriesCarriesTheResourceAndThereIsNoTargetInfo() {
    List<PromPoint> points = translator(true, Map.of()).translate(request(gauge("g", "",
        number(1.0, 0, T1, attributes("cloud.region", "point")))));
    assertEquals(1, points.size());
    assertEquals("{cloud_region=\"point\",instance=\"checkout-1\",job=\"shop/checkout\","
        + "otel_scope_name=\"io.homeostat.shop\",otel_scope_version=\"1.2.0\","
        + "service_instance_id=\"checkout-1\",service_name=\"checkout\","
        + "service_namespace=\"shop\"}", points.get(0).labels().toString());
  }

  @Test
  void jobIsTheServiceNameAloneWithoutNamespaceAndNothingWithoutServiceName() {
    var named = translator(false, Map.of()).translate(request(resource("service.name", "auth"),
        InstrumentationScope.getDefaultInstance(), gauge("g", "", number(1.0, 0, T1, List.of()))));
    assertEquals("{job=\"auth\"}", named.get(0).labels().toString());
    assertEquals("{job=\"auth\"}", named.get(1).labels().toString());
    var anonymous = translator(false, Map.of()).translate(request(resource("host.name", "h1"),
        InstrumentationScope.getDefaultInstance(), gauge("g", "", number(1.0, 0, T1, List.of()))));
    assertEquals(1, anonymous.size(), "no target_info without job or instance");
    assertEquals("{}", anonymous.get(0).labels().toString());
  }

  @Test
  void scopeAttributesBecomeOtelScopeLabels() {
    var scope = InstrumentationScope.newBuilder().setName("lib")
        .addAttributes(attribute("team.name", "payments")).build();
    var points = translator(false, Map.of()).translate(request(RESOURCE, scope,
        gauge("g", "", number(1.0, 0, T1, List.of()))));
    assertEquals("payments", points.get(0).labels().get("otel_scope_team_name"));
    assertEquals("lib", points.get(0).labels().get("otel_scope_name"));
    assertEquals(null, points.get(0).labels().get("otel_scope_version"));
  }

  @Test
  void aHistogramGetsAnInfBucketItsSumAndExemplarsAndLosesAnLeAttribute() {
    var point = histogramPoint(new double[] {100, 500}, new long[] {1, 1, 0}, 850.5, T0, T1,
        attributes("le", "mine", "req", "REQ-NFR-PERF-001")).toBuilder()
        .addExemplars(exemplar(120.5, T0 + SECOND)).build();
    var h = (PromPoint.Histogram) translate(request(histogram("login.latency", "ms", CUMULATIVE,
        point))).get(0);
    assertEquals(new Family("login_latency_milliseconds", Kind.HISTOGRAM, ""), h.family());
    assertArrayEquals(new double[] {100, 500, Double.POSITIVE_INFINITY}, h.upperBounds());
    assertArrayEquals(new long[] {1, 1, 0}, h.counts());
    assertEquals(2, h.count());
    assertEquals(850.5, h.sum());
    assertEquals(null, h.labels().get("le"));
    assertEquals("REQ-NFR-PERF-001", h.labels().get("req"));
    assertEquals(List.of(new PromExemplar(120.5, TRACE_ID, SPAN_ID, (T0 + SECOND) / 1_000_000)),
        h.exemplars());
  }

  @Test
  void countersCarryExemplarsAndGaugesDoNot() {
    var withExemplar = number(3.0, T0, T1, List.of()).toBuilder()
        .addExemplars(exemplar(1, T1)).build();
    var points = translate(request(counter("c", "", withExemplar), gauge("g", "", withExemplar)));
    assertEquals(1, ((PromPoint.Number) points.get(0)).exemplars().size());
    assertEquals(List.of(), ((PromPoint.Number) points.get(1)).exemplars());
  }

  @Test
  void anExponentialHistogramBecomesPowerOfTwoBucketsWithItsZeroBucketAndLowerEdge() {
    // Scale 1: bucket i holds (2^(i/2), 2^((i+1)/2)]; buckets 0..3 cover (1, 4].
    var h = (PromPoint.Histogram) translate(request(exponential("latency", "s", CUMULATIVE,
        exponentialPoint(1, 0, new long[] {1, 2, 3, 4}, 1, 25.0, T0, T1)))).get(0);
    assertEquals("latency_seconds", h.family().name());
    assertArrayEquals(new double[] {0, 1, 2, 4, Double.POSITIVE_INFINITY}, h.upperBounds());
    assertArrayEquals(new long[] {1, 0, 3, 7, 0}, h.counts());
    assertEquals(11, h.count());
    assertEquals(25.0, h.sum());
  }

  @Test
  void aCoarseExponentialHistogramKeepsItsOwnPowerOfTwoBounds() {
    // Scale -1: bucket i holds (4^i, 4^(i+1)]; buckets -1 and 0 cover (0.25, 4].
    var h = (PromPoint.Histogram) translate(request(exponential("x", "", CUMULATIVE,
        exponentialPoint(-1, -1, new long[] {2, 5}, 0, 9.0, T0, T1)))).get(0);
    assertArrayEquals(new double[] {0.25, 1, 4, Double.POSITIVE_INFINITY}, h.upperBounds());
    assertArrayEquals(new long[] {0, 2, 5, 0}, h.counts());
  }

  @Test
  void negativeExponentialBucketsAreMirroredAndUncountedObservationsGoToInf() {
    ExponentialHistogramDataPoint point = exponentialPoint(0, -1, new long[] {4}, 0, 1.0, T0, T1)
        .toBuilder().setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(1)
            .addBucketCounts(3)).setCount(8).build();
    var h = (PromPoint.Histogram) translate(request(exponential("x", "", CUMULATIVE, point)))
        .get(0);
    assertArrayEquals(new double[] {-4, -2, 0.5, 1, Double.POSITIVE_INFINITY}, h.upperBounds());
    assertArrayEquals(new long[] {0, 3, 0, 4, 1}, h.counts());
  }

  @Test
  void aSummaryKeepsItsValidQuantiles() {
    SummaryDataPoint point = SummaryDataPoint.newBuilder().setTimeUnixNano(T1).setCount(7)
        .setSum(12.5)
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5)
            .setValue(1.5))
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(1.5)
            .setValue(9))
        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99)
            .setValue(3))
        .addAttributes(attribute("quantile", "mine")).build();
    var s = (PromPoint.Summary) translate(request(summary("rpc.duration", "s", point))).get(0);
    assertEquals(new Family("rpc_duration_seconds", Kind.SUMMARY, ""), s.family());
    assertArrayEquals(new double[] {0.5, 0.99}, s.quantiles());
    assertArrayEquals(new double[] {1.5, 3}, s.values());
    assertEquals(7, s.count());
    assertEquals(12.5, s.sum());
    assertEquals(null, s.labels().get("quantile"));
  }

  @Test
  void aPointThatEndsItsSeriesIsStaleAndGivesItsResourceNoTargetInfo() {
    var ended = number(1.0, 0, T1, List.of()).toBuilder()
        .setFlags(DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE).build();
    List<PromPoint> points = translate(request(gauge("g", "", ended)));
    assertEquals(1, points.size());
    assertTrue(points.get(0).stale());
  }

  @Test
  void heldSeriesSharingAResourceGetOneTargetInfoWithoutTimestamp() {
    var metric = gauge("g", "", number(1.0, 0, T1, attributes("a", "1")),
        number(2.0, 0, T1, attributes("a", "2")));
    var header = metric.toBuilder().setGauge(metric.getGauge().toBuilder().clearDataPoints())
        .build();
    List<Series> held = List.of(
        new Series(RESOURCE, SCOPE, header, metric.getGauge().getDataPoints(0), 0),
        new Series(RESOURCE, SCOPE, header, metric.getGauge().getDataPoints(1), 0));
    List<PromPoint> points = translator(false, Map.of()).translate(held);
    assertEquals(3, points.size());
    assertEquals("target_info", points.get(1).family().name());
    assertEquals(0, points.get(1).timestampMillis());
  }

  private static ExportMetricsServiceRequest request(Metric... metrics) {
    return OtlpMetrics.request(metrics);
  }

  private static ExportMetricsServiceRequest request(Resource resource,
      InstrumentationScope scope, Metric... metrics) {
    return OtlpMetrics.request(resource, scope, metrics);
  }

  private static List<PromPoint> translate(ExportMetricsServiceRequest request) {
    return translator(false, Map.of()).translate(request);
  }
}
