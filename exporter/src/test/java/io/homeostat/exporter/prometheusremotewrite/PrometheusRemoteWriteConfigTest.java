package io.homeostat.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.sending.QueueConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusRemoteWriteConfigTest {

  private static final PrometheusRemoteWriteExporterFactory FACTORY =
      new PrometheusRemoteWriteExporterFactory();

  private static List<String> errors(String yaml) {
    return ConfigFixture.errors(FACTORY, yaml);
  }

  @Test
  void defaultsSendInOrderThroughOneConsumer() {
    PrometheusRemoteWriteConfig config = ConfigFixture.bind(FACTORY,
        "prometheusremotewrite:\n  endpoint: http://prometheus:9090/api/v1/write\n");
    assertEquals(URI.create("http://prometheus:9090/api/v1/write"), config.url());
    assertEquals(Duration.ofSeconds(5), config.timeout());
    assertEquals(new QueueConfig(true, 1, 1000), config.sendingQueue());
    assertEquals(Duration.ofMinutes(5), config.metricExpiration());
    assertEquals(true, config.addMetricSuffixes());
    assertEquals("", config.namespace());
  }

  @Test
  void theEndpointIsRequired() {
    assertEquals(List.of("test.yaml:2:3: prometheusremotewrite.endpoint: is required: the URL of "
        + "the remote-write receiver, such as http://prometheus:9090/api/v1/write"),
        errors("prometheusremotewrite:\n  namespace: shop\n"));
  }

  @Test
  void theEndpointMustBeAnHttpUrl() {
    assertEquals(List.of("test.yaml:2:13: prometheusremotewrite.endpoint: invalid URL "
        + "'prometheus:9090': write an http:// or https:// URL, such as "
        + "http://prometheus:9090/api/v1/write"),
        errors("prometheusremotewrite:\n  endpoint: prometheus:9090\n"));
  }

  @Test
  void theRemoteWriteHeadersAreTheExportersOwn() {
    assertEquals(List.of(
        "test.yaml:3:12: prometheusremotewrite.headers: header 'Content-Encoding' cannot be "
            + "configured: the exporter sets it",
        "test.yaml:3:12: prometheusremotewrite.headers: header "
            + "'X-Prometheus-Remote-Write-Version' cannot be configured: the exporter sets it"),
        errors("""
            prometheusremotewrite:
              endpoint: http://p:9090/api/v1/write
              headers: { Content-Encoding: gzip, X-Prometheus-Remote-Write-Version: 2.0.0,
                         X-Scope-OrgID: shop }
            """));
  }

  @Test
  void otherKeysAreCheckedAsInTheScrapeExporter() {
    assertEquals(List.of(
        "test.yaml:3:12: prometheusremotewrite.timeout: must be positive, was 0s: it limits each "
            + "attempt to send a request, such as 5s",
        "test.yaml:4:20: prometheusremotewrite.tls.insecure: has no effect on remote write: the "
            + "URL's scheme chooses plaintext (http://) or TLS (https://); remove it",
        "test.yaml:5:14: prometheusremotewrite.namespace: invalid namespace 'a-b': use letters, "
            + "digits and underscores, not starting with a digit, such as homeostat",
        "test.yaml:6:20: prometheusremotewrite.external_labels: invalid label name '1dc': use "
            + "letters, digits and underscores, not starting with a digit, such as environment",
        "test.yaml:7:22: prometheusremotewrite.metric_expiration: must be positive, was -1s: "
            + "series not updated for this long are dropped, such as 5m"),
        errors("""
            prometheusremotewrite:
              endpoint: http://p:9090/api/v1/write
              timeout: 0s
              tls: { insecure: true }
              namespace: a-b
              external_labels: { 1dc: eu }
              metric_expiration: -1s
            """));
  }
}
