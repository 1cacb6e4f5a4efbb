package io.homeostat.exporter.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.ConfigFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpHttpConfigTest {

  private static final OtlpHttpExporterFactory FACTORY = new OtlpHttpExporterFactory();

  private static List<String> errors(String yaml) {
    return ConfigFixture.errors(FACTORY, yaml);
  }

  @Test
  void signalPathsAreAppendedToTheBaseUrlUnlessASignalHasItsOwn() {
    OtlpHttpConfig config = ConfigFixture.bind(FACTORY, """
        otlphttp:
          endpoint: http://collector:4318/
          logs_endpoint: http://loki:3100/otlp/v1/logs
        """);
    assertEquals(URI.create("http://collector:4318/v1/traces"), config.url(Signal.TRACES));
    assertEquals(URI.create("http://collector:4318/v1/metrics"), config.url(Signal.METRICS));
    assertEquals(URI.create("http://loki:3100/otlp/v1/logs"), config.url(Signal.LOGS));
    assertEquals(Duration.ofSeconds(30), config.timeout());
    assertEquals(Compression.GZIP, config.compression());
    assertEquals(Encoding.PROTO, config.encoding());
  }

  @Test
  void aBaseUrlWithAPathKeepsIt() {
    OtlpHttpConfig config = ConfigFixture.bind(FACTORY,
        "otlphttp:\n  endpoint: https://gateway/otlp\n");
    assertEquals(URI.create("https://gateway/otlp/v1/traces"), config.url(Signal.TRACES));
  }

  @Test
  void theEndpointIsRequiredUnlessEverySignalHasItsOwn() {
    assertEquals(List.of("test.yaml:2:3: otlphttp.endpoint: is required: the base URL of the "
        + "OTLP/HTTP backend, such as http://collector:4318 (or give traces_endpoint, "
        + "metrics_endpoint and logs_endpoint)"),
        errors("otlphttp:\n  traces_endpoint: http://tempo:4318/v1/traces\n"));
    assertEquals(List.of(), errors("otlphttp:\n  traces_endpoint: http://a/t\n"
        + "  metrics_endpoint: http://a/m\n  logs_endpoint: http://a/l\n"));
  }

  @Test
  void aUrlWithoutAnHttpSchemeIsRefused() {
    assertEquals(List.of("test.yaml:2:13: otlphttp.endpoint: invalid URL 'collector:4318': write "
        + "an http:// or https:// URL, such as http://collector:4318"),
        errors("otlphttp:\n  endpoint: collector:4318\n"));
  }

  @Test
  void aUrlThatDoesNotParseIsRefused() {
    assertEquals(List.of("test.yaml:3:18: otlphttp.logs_endpoint: invalid URL 'http://loki "
        + "3100': write an http:// or https:// URL, such as http://collector:4318"),
        errors("otlphttp:\n  endpoint: http://collector:4318\n  logs_endpoint: http://loki 3100\n"));
  }

  @Test
  void anUnknownCompressionIsRefused() {
    assertEquals(List.of("test.yaml:3:16: otlphttp.compression: expected one of gzip, none, "
        + "found 'snappy'"),
        errors("otlphttp:\n  endpoint: http://c:4318\n  compression: snappy\n"));
  }

  @Test
  void anUnknownEncodingIsRefused() {
    assertEquals(List.of("test.yaml:3:13: otlphttp.encoding: expected one of proto, json, "
        + "found 'xml'"), errors("otlphttp:\n  endpoint: http://c:4318\n  encoding: xml\n"));
  }

  @Test
  void aNegativeTimeoutIsRefused() {
    assertEquals(List.of("test.yaml:3:12: otlphttp.timeout: must be positive, was -1s: it limits "
        + "each attempt to send a request, such as 5s"),
        errors("otlphttp:\n  endpoint: http://c:4318\n  timeout: -1s\n"));
  }

  @Test
  void aNegativeMaxIntervalIsRefused() {
    assertEquals(List.of("test.yaml:3:37: otlphttp.retry_on_failure.max_interval: must not be "
        + "less than initial_interval (5s), was -30s"),
        errors("otlphttp:\n  endpoint: http://c:4318\n  retry_on_failure: { max_interval: -30s }\n"));
  }

  @Test
  void headersTheExporterSetsItselfCannotBeConfigured() {
    assertEquals(List.of("test.yaml:3:12: otlphttp.headers: header 'Content-Type' cannot be "
        + "configured: the exporter sets it"),
        errors("otlphttp:\n  endpoint: http://c:4318\n  headers: { Content-Type: text/plain }\n"));
  }

  @Test
  void tlsInsecureIsRefusedBecauseTheSchemeDecides() {
    assertEquals(List.of("test.yaml:3:20: otlphttp.tls.insecure: has no effect on OTLP/HTTP: the "
        + "URL's scheme chooses plaintext (http://) or TLS (https://); remove it"),
        errors("otlphttp:\n  endpoint: http://c:4318\n  tls: { insecure: true }\n"));
  }
}
