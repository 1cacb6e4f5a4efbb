package io.homeostat.exporter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.net.Endpoint;
import io.homeostat.exporter.ConfigFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusConfigTest {

  private static final PrometheusExporterFactory FACTORY = new PrometheusExporterFactory();

  private static List<String> errors(String yaml) {
    return ConfigFixture.errors(FACTORY, yaml);
  }

  @Test
  void theCollectorsDefaults() {
    PrometheusConfig config = ConfigFixture.bind(FACTORY, "prometheus:\n");
    assertEquals(new Endpoint("0.0.0.0", 8889), config.endpoint());
    assertEquals("", config.namespace());
    assertEquals(Map.of(), config.constLabels());
    assertEquals(false, config.sendTimestamps());
    assertEquals(Duration.ofMinutes(5), config.metricExpiration());
    assertEquals(false, config.resourceToTelemetryConversion().enabled());
    assertEquals(true, config.addMetricSuffixes());
    assertEquals(false, config.enableOpenMetrics());
  }

  @Test
  void everyKeyIsRead() {
    PrometheusConfig config = ConfigFixture.bind(FACTORY, """
        prometheus:
          endpoint: 127.0.0.1:9464
          namespace: shop
          const_labels: { env: prod }
          send_timestamps: true
          metric_expiration: 10m
          resource_to_telemetry_conversion: { enabled: true }
          add_metric_suffixes: false
          enable_open_metrics: true
        """);
    assertEquals(new PrometheusConfig(new Endpoint("127.0.0.1", 9464), "shop",
        Map.of("env", "prod"), true, Duration.ofMinutes(10),
        new io.homeostat.exporter.prometheus.translate.ResourceToTelemetryConversion(true),
        false, true), config);
  }

  @Test
  void aNamespaceMustStartAMetricName() {
    assertEquals(List.of("test.yaml:2:14: prometheus.namespace: invalid namespace '1shop': use "
        + "letters, digits and underscores, not starting with a digit, such as homeostat"),
        errors("prometheus:\n  namespace: 1shop\n"));
    assertEquals(List.of("test.yaml:2:14: prometheus.namespace: invalid namespace 'my-shop': use "
        + "letters, digits and underscores, not starting with a digit, such as homeostat"),
        errors("prometheus:\n  namespace: my-shop\n"));
  }

  @Test
  void constLabelsNeedValidNamesAndValues() {
    assertEquals(List.of(
        "test.yaml:2:17: prometheus.const_labels: invalid label name 'my-env': use letters, "
            + "digits and underscores, not starting with a digit, such as environment",
        "test.yaml:2:17: prometheus.const_labels: label name '__tenant' is reserved: names "
            + "starting with __ are Prometheus's own",
        "test.yaml:2:17: prometheus.const_labels: label 'team' has an empty value, which "
            + "Prometheus reads as no label: give it a value or remove it"),
        errors("prometheus:\n  const_labels: { my-env: a, __tenant: b, team: '' }\n"));
  }

  @Test
  void theExpirationMustBePositive() {
    assertEquals(List.of("test.yaml:2:22: prometheus.metric_expiration: must be positive, was "
        + "0s: series not updated for this long are dropped, such as 5m"),
        errors("prometheus:\n  metric_expiration: 0s\n"));
  }

  @Test
  void aBadEndpointAndAnUnknownKeyAreReported() {
    assertEquals(List.of(
        "test.yaml:2:13: prometheus.endpoint: invalid endpoint '8889': write host:port, such as "
            + "0.0.0.0:4317 or localhost:0",
        "test.yaml:3:3: prometheus.namespaces: unknown key 'namespaces'; did you mean "
            + "'namespace'? (valid keys: endpoint, namespace, const_labels, send_timestamps, "
            + "metric_expiration, resource_to_telemetry_conversion, add_metric_suffixes, "
            + "enable_open_metrics)"),
        errors("prometheus:\n  endpoint: 8889\n  namespaces: shop\n"));
  }
}
