package io.homeostat.exporter.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.retry.RetryConfig;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.sending.QueueConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtlpGrpcConfigTest {

  private static final OtlpGrpcExporterFactory FACTORY = new OtlpGrpcExporterFactory();

  private static List<String> errors(String yaml) {
    return ConfigFixture.errors(FACTORY, yaml);
  }

  @Test
  void theCollectorDefaultsApplyToKeysLeftOut() {
    OtlpGrpcConfig config = ConfigFixture.bind(FACTORY, """
        otlp:
          endpoint: tempo:4317
          headers: { X-Scope-OrgID: tenant-1 }
          tls: { insecure: true }
        """);
    assertEquals(new OtlpGrpcConfig("tempo:4317", Compression.GZIP,
        Map.of("X-Scope-OrgID", "tenant-1"), Duration.ofSeconds(5),
        new TlsConfig(true, null, null, null, false), QueueConfig.DEFAULT, RetryConfig.DEFAULT),
        config);
  }

  @Test
  void theEndpointIsRequired() {
    assertEquals(List.of("test.yaml:2:3: otlp.endpoint: is required: the host:port of the "
        + "OTLP/gRPC backend, such as tempo:4317"), errors("otlp:\n  compression: none\n"));
  }

  @Test
  void anEndpointWithoutAPortIsRefused() {
    assertEquals(List.of("test.yaml:2:13: otlp.endpoint: invalid endpoint 'tempo': write "
        + "host:port, such as tempo:4317"), errors("otlp:\n  endpoint: tempo\n"));
  }

  @Test
  void anEndpointWithoutAHostIsRefused() {
    assertEquals(List.of("test.yaml:2:13: otlp.endpoint: invalid endpoint ':4317': write "
        + "host:port, such as tempo:4317"), errors("otlp:\n  endpoint: \":4317\"\n"));
  }

  @Test
  void anEndpointWithAUrlSchemeIsRefusedWithTheWayToChooseTls() {
    assertEquals(List.of("test.yaml:2:13: otlp.endpoint: invalid endpoint 'http://tempo:4317': "
        + "write host:port without a scheme, such as tempo:4317 (plaintext or TLS is chosen "
        + "with tls.insecure)"), errors("otlp:\n  endpoint: http://tempo:4317\n"));
  }

  @Test
  void anUnknownCompressionIsRefused() {
    assertEquals(List.of("test.yaml:3:16: otlp.compression: expected one of gzip, none, "
        + "found 'zstd'"), errors("otlp:\n  endpoint: tempo:4317\n  compression: zstd\n"));
  }

  @Test
  void aNegativeTimeoutIsRefused() {
    assertEquals(List.of("test.yaml:3:12: otlp.timeout: must be positive, was -5s: it limits "
        + "each attempt to send a request, such as 5s"),
        errors("otlp:\n  endpoint: tempo:4317\n  timeout: -5s\n"));
  }

  @Test
  void aNegativeRetryIntervalIsRefused() {
    assertEquals(List.of("test.yaml:3:41: otlp.retry_on_failure.initial_interval: must be "
        + "positive, was -1s: it is the wait before the first retry, such as 5s"),
        errors("otlp:\n  endpoint: tempo:4317\n  retry_on_failure: { initial_interval: -1s }\n"));
  }

  @Test
  void aHeaderNameGrpcCannotCarryIsRefused() {
    assertEquals(List.of("test.yaml:3:12: otlp.headers: invalid gRPC metadata name 'X Tenant': "
        + "use letters, digits, '-', '_' and '.' only, and no '-bin' suffix"),
        errors("otlp:\n  endpoint: tempo:4317\n  headers: { X Tenant: a }\n"));
  }

  @Test
  void aClientCertificateNeedsItsKey() {
    assertEquals(List.of("test.yaml:3:8: otlp.tls.key_file: is required with cert_file "
        + "'client.pem': the PEM private key of the client certificate"),
        errors("otlp:\n  endpoint: tempo:4317\n  tls: { cert_file: client.pem }\n"));
  }
}
