package io.homeostat.exporter.spanmetrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.spanmetrics.SpanMetricsConfig.Dimension;
import io.homeostat.exporter.spanmetrics.SpanMetricsConfig.Temporality;
import io.homeostat.exporter.spanmetrics.SpanMetricsConfig.Unit;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpanMetricsConfigTest {

  private static final SpanMetricsConnectorFactory FACTORY = new SpanMetricsConnectorFactory();

  @Test
  void defaultsAreTheCollectorsWithABoundedNumberOfSeries() {
    SpanMetricsConfig config = ConfigFixture.bind(FACTORY, "spanmetrics:\n");
    assertEquals("traces.span.metrics", config.namespace());
    assertEquals(Duration.ofSeconds(60), config.metricsFlushInterval());
    assertEquals(Duration.ZERO, config.metricsExpiration());
    assertEquals(Temporality.AGGREGATION_TEMPORALITY_CUMULATIVE, config.aggregationTemporality());
    assertEquals(2000, config.aggregationCardinalityLimit());
    assertEquals(Unit.MS, config.histogram().unit());
    assertNull(config.histogram().exponential());
    assertArrayEquals(new double[] {2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000,
        5000, 10_000, 15_000}, config.histogram().bounds());
    assertEquals(List.of(), config.dimensions());
    assertEquals(false, config.exemplars().enabled());
  }

  @Test
  void everyKeyBinds() {
    SpanMetricsConfig config = ConfigFixture.bind(FACTORY, """
        spanmetrics:
          histogram:
            unit: s
            explicit: { buckets: [100us, 250ms, 1s, 2.5s] }
          dimensions:
            - name: http.request.method
              default: GET
            - name: deployment.environment
          exclude_dimensions: [span.kind]
          aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
          namespace: shop
          metrics_flush_interval: 15s
          metrics_expiration: 5m
          aggregation_cardinality_limit: 500
          exemplars: { enabled: true }
        """);
    assertEquals(Unit.S, config.histogram().unit());
    assertArrayEquals(new double[] {0.0001, 0.25, 1, 2.5}, config.histogram().bounds(), 1e-12);
    assertEquals(List.of(new Dimension("http.request.method", "GET"),
        new Dimension("deployment.environment", null)), config.dimensions());
    assertEquals(List.of("span.kind"), config.excludeDimensions());
    assertEquals(Temporality.AGGREGATION_TEMPORALITY_DELTA, config.aggregationTemporality());
    assertEquals("shop", config.namespace());
    assertEquals(Duration.ofSeconds(15), config.metricsFlushInterval());
    assertEquals(Duration.ofMinutes(5), config.metricsExpiration());
    assertEquals(500, config.aggregationCardinalityLimit());
    assertEquals(true, config.exemplars().enabled());
  }

  @Test
  void anExponentialSectionTakesTheCollectorsMaxSize() {
    SpanMetricsConfig config = ConfigFixture.bind(FACTORY, """
        spanmetrics:
          histogram: { exponential: {} }
        """);
    assertEquals(160, config.histogram().exponential().maxSize());
    assertNull(config.histogram().explicit());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("metrics_flush_interval: 0s",
            "test.yaml:2:27: spanmetrics.metrics_flush_interval: must be positive, was 0s: write "
                + "how often the metrics are sent, such as 60s"),
        Arguments.of("metrics_flush_interval: -1s",
            "test.yaml:2:27: spanmetrics.metrics_flush_interval: must be positive, was -1s: write "
                + "how often the metrics are sent, such as 60s"),
        Arguments.of("metrics_expiration: -5m",
            "test.yaml:2:23: spanmetrics.metrics_expiration: must not be negative, was -5m: write "
                + "0 to keep series, or a duration such as 5m"),
        Arguments.of("{ metrics_flush_interval: 1m, metrics_expiration: 30s }",
            "test.yaml:1:64: spanmetrics.metrics_expiration: 30s is shorter than "
                + "metrics_flush_interval (1m): a series could expire before it was ever sent; "
                + "make it at least as long"),
        Arguments.of("aggregation_cardinality_limit: -1",
            "test.yaml:2:34: spanmetrics.aggregation_cardinality_limit: must not be negative, was "
                + "-1: write the most series to hold, or 0 for no limit"),
        Arguments.of("exclude_dimensions: [req]",
            "test.yaml:2:23: spanmetrics.exclude_dimensions: 'req' cannot be excluded: the "
                + "requirement is what these metrics are for"),
        Arguments.of("exclude_dimensions: [span_name]",
            "test.yaml:2:23: spanmetrics.exclude_dimensions: 'span_name' is not a built-in "
                + "dimension: write one of service.name, span.name, span.kind, status.code"),
        Arguments.of("dimensions: [ { name: span.name } ]",
            "test.yaml:2:15: spanmetrics.dimensions: 'span.name' is named twice, or is a "
                + "built-in dimension (req, service.name, span.name, span.kind, status.code): "
                + "name each extra dimension once"),
        Arguments.of("dimensions: [ { name: region }, { name: region } ]",
            "test.yaml:2:15: spanmetrics.dimensions: 'region' is named twice, or is a "
                + "built-in dimension (req, service.name, span.name, span.kind, status.code): "
                + "name each extra dimension once"),
        Arguments.of("dimensions: [ { default: GET } ]",
            "test.yaml:2:17: spanmetrics.dimensions[0].name: is required: the attribute key, "
                + "such as http.request.method"),
        Arguments.of("histogram: { explicit: {}, exponential: {} }",
            "test.yaml:2:14: spanmetrics.histogram: has both explicit and exponential: write one "
                + "of them"),
        Arguments.of("histogram: { explicit: { buckets: [] } }",
            "test.yaml:2:37: spanmetrics.histogram.explicit.buckets: is empty: list the bucket "
                + "bounds, such as [10ms, 100ms, 1s], or remove buckets for the default ones"),
        Arguments.of("histogram: { explicit: { buckets: [10ms, 5ms] } }",
            "test.yaml:2:37: spanmetrics.histogram.explicit.buckets: bound 5ms does not exceed "
                + "the one before it (10ms): list the bounds in increasing order, each once"),
        Arguments.of("histogram: { explicit: { buckets: [0s, 5ms] } }",
            "test.yaml:2:37: spanmetrics.histogram.explicit.buckets: bound 0s must be positive"),
        Arguments.of("histogram: { exponential: { max_size: 1 } }",
            "test.yaml:2:41: spanmetrics.histogram.exponential.max_size: must be at least 2, was 1"),
        Arguments.of("histogram: { unit: us }",
            "test.yaml:2:22: spanmetrics.histogram.unit: expected one of ms, s, found 'us'"),
        Arguments.of("aggregation_temporality: cumulative",
            "test.yaml:2:28: spanmetrics.aggregation_temporality: expected one of "
                + "aggregation_temporality_cumulative, aggregation_temporality_delta, found "
                + "'cumulative'"),
        Arguments.of("events: { enabled: true }",
            "test.yaml:2:3: spanmetrics.events: unknown key 'events' (valid keys: histogram, "
                + "dimensions, exclude_dimensions, aggregation_temporality, namespace, "
                + "metrics_flush_interval, metrics_expiration, aggregation_cardinality_limit, "
                + "exemplars)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidValuesAreReportedWithTheirFix(String yaml, String error) {
    String section = yaml.startsWith("{") ? "spanmetrics: " + yaml + "\n"
        : "spanmetrics:\n  " + yaml + "\n";
    assertEquals(List.of(error), ConfigFixture.errors(FACTORY, section));
  }
}
