package io.homeostat.exporter.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.otlp.Compression;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LokiConfigTest {

  private static final LokiExporterFactory FACTORY = new LokiExporterFactory();

  private static List<String> errors(String yaml) {
    return ConfigFixture.errors(FACTORY, yaml);
  }

  @Test
  void theDefaultsAreProtobufWithSnappyAndTheThreeLabels() {
    LokiConfig config = ConfigFixture.bind(FACTORY, "loki:\n  endpoint: http://loki:3100\n");
    assertEquals(URI.create("http://loki:3100/loki/api/v1/push"), config.url());
    assertEquals(PushEncoding.PROTO, config.encoding());
    assertEquals(LineFormat.BODY, config.lineFormat());
    assertEquals(new LabelsConfig(List.of("service.name"), List.of("req"), true),
        config.labels());
    assertEquals(null, config.tenantId());
    assertEquals(Duration.ofSeconds(30), config.timeout());
  }

  @Test
  void anEndpointWithAPathIsUsedAsItIs() {
    assertEquals(URI.create("https://gateway/tenant-a/push"), ConfigFixture.bind(FACTORY,
        "loki:\n  endpoint: https://gateway/tenant-a/push\n").url());
    assertEquals(URI.create("http://loki:3100/loki/api/v1/push"), ConfigFixture.bind(FACTORY,
        "loki:\n  endpoint: http://loki:3100/\n").url());
  }

  @Test
  void jsonIsGzippedUnlessCompressionSaysNone() {
    assertEquals(Compression.GZIP, ConfigFixture.bind(FACTORY,
        "loki:\n  endpoint: http://l:3100\n  encoding: json\n").jsonCompression());
    assertEquals(Compression.NONE, ConfigFixture.bind(FACTORY,
        "loki:\n  endpoint: http://l:3100\n  encoding: json\n  compression: none\n")
        .jsonCompression());
  }

  @Test
  void aLabelsSectionKeepsTheDefaultsOfTheKeysItLeavesOut() {
    LokiConfig config = ConfigFixture.bind(FACTORY, """
        loki:
          endpoint: http://l:3100
          labels: { resource: [service.name, deployment.environment] }
        """);
    assertEquals(new LabelsConfig(List.of("service.name", "deployment.environment"),
        List.of("req"), true), config.labels());
  }

  @Test
  void theEndpointIsRequired() {
    assertEquals(List.of("test.yaml:2:3: loki.endpoint: is required: Loki's push URL, such as "
        + "http://loki:3100/loki/api/v1/push"), errors("loki:\n  tenant_id: team-a\n"));
  }

  @Test
  void anEndpointThatIsNoHttpUrlIsRefused() {
    assertEquals(List.of("test.yaml:2:13: loki.endpoint: invalid URL 'loki:3100': write an "
        + "http:// or https:// URL, such as http://loki:3100/loki/api/v1/push"),
        errors("loki:\n  endpoint: loki:3100\n"));
  }

  @Test
  void aTenantWithACharacterLokiRefusesIsRefused() {
    assertEquals(List.of("test.yaml:3:14: loki.tenant_id: 'team a|b' holds ' ' at 4: Loki takes "
        + "tenant ids of letters, digits and !-_.*'() only"),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: team a|b\n"));
  }

  @Test
  void aTenantOfOneOrTwoDotsIsRefused() {
    assertEquals(List.of("test.yaml:3:14: loki.tenant_id: '..' is not a valid tenant id in "
        + "Loki: choose a name"),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: ..\n"));
    assertEquals(List.of("test.yaml:3:14: loki.tenant_id: '.' is not a valid tenant id in "
        + "Loki: choose a name"),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: .\n"));
  }

  @Test
  void aTenantLongerThanLokiAcceptsIsRefused() {
    assertEquals(List.of("test.yaml:3:14: loki.tenant_id: is 151 characters long: Loki takes "
        + "at most 150"),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: " + "t".repeat(151) + "\n"));
    assertEquals(List.of(),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: " + "t".repeat(150) + "\n"));
  }

  @Test
  void anEmptyTenantIsRefused() {
    assertEquals(List.of("test.yaml:3:14: loki.tenant_id: is empty: give the tenant, such as "
        + "team-a, or remove tenant_id for a Loki without auth_enabled"),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: \"\"\n"));
  }

  @Test
  void everyCharacterLokiTakesInATenantIsAccepted() {
    assertEquals(List.of(),
        errors("loki:\n  endpoint: http://l:3100\n  tenant_id: \"Az09!-_.*'()\"\n"));
  }

  @Test
  void theTenantHeaderIsSetWithTenantIdNotHeaders() {
    assertEquals(List.of("test.yaml:3:12: loki.headers: header 'x-scope-orgid' cannot be "
        + "configured: set the tenant with tenant_id"),
        errors("loki:\n  endpoint: http://l:3100\n  headers: { x-scope-orgid: a }\n"));
  }

  @Test
  void headersTheExporterSetsCannotBeConfigured() {
    assertEquals(List.of("test.yaml:3:12: loki.headers: header 'Content-Type' cannot be "
        + "configured: the exporter sets it"),
        errors("loki:\n  endpoint: http://l:3100\n  headers: { Content-Type: text/plain }\n"));
  }

  @Test
  void compressionIsForJsonOnly() {
    assertEquals(List.of("test.yaml:3:16: loki.compression: applies to encoding: json only; "
        + "protobuf pushes are always snappy-compressed, as Loki requires: remove compression, "
        + "or set encoding: json"),
        errors("loki:\n  endpoint: http://l:3100\n  compression: gzip\n"));
  }

  @Test
  void anUnknownEncodingOrLineFormatIsRefused() {
    assertEquals(List.of("test.yaml:3:13: loki.encoding: expected one of proto, json, found "
        + "'snappy'",
        "test.yaml:4:16: loki.line_format: expected one of body, json, found 'logfmt'"),
        errors("loki:\n  endpoint: http://l:3100\n  encoding: snappy\n"
            + "  line_format: logfmt\n"));
  }

  @Test
  void moreLabelsThanLokiAcceptsPerStreamIsAnError() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      attributes.append(i == 0 ? "" : ", ").append("a").append(i);
    }
    assertEquals(List.of("test.yaml:3:11: loki.labels: names 16 labels, more than the 15 Loki "
        + "accepts per stream (limits_config.max_label_names_per_series): keep the labels to a "
        + "few low-cardinality values; the other attributes go to structured metadata anyway"),
        errors("loki:\n  endpoint: http://l:3100\n  labels: { attributes: [" + attributes
            + "] }\n"));
    assertEquals(List.of(), errors("loki:\n  endpoint: http://l:3100\n  labels: { severity: "
        + "false, attributes: [" + attributes + "] }\n"));
  }

  @Test
  void noLabelAtAllIsAnError() {
    assertEquals(List.of("test.yaml:3:11: loki.labels: names no label: Loki needs at least one "
        + "per stream; list a resource attribute such as service.name"),
        errors("loki:\n  endpoint: http://l:3100\n"
            + "  labels: { resource: [], attributes: [], severity: false }\n"));
  }

  @Test
  void twoKeysThatBecomeOneLabelNameAreAnError() {
    assertEquals(List.of("test.yaml:3:51: loki.labels.attributes: 'service_name' would be the "
        + "label 'service_name', as resource 'service.name' already is: Loki cannot hold two "
        + "labels of one name; drop one of them"),
        errors("loki:\n  endpoint: http://l:3100\n"
            + "  labels: { resource: [service.name], attributes: [service_name] }\n"));
  }

  @Test
  void anAttributeNamedSeverityClashesWithTheSeverityLabel() {
    assertEquals(List.of("test.yaml:3:25: loki.labels.attributes: 'severity' would be the label "
        + "'severity', as the severity label (severity: true) already is: Loki cannot hold two "
        + "labels of one name; drop one of them"),
        errors("loki:\n  endpoint: http://l:3100\n  labels: { attributes: [severity] }\n"));
    assertEquals(List.of(), errors("loki:\n  endpoint: http://l:3100\n"
        + "  labels: { attributes: [severity], severity: false }\n"));
  }

  @Test
  void anEmptyOrRepeatedLabelKeyIsAnError() {
    assertEquals(List.of("test.yaml:3:23: loki.labels.resource: holds an empty attribute key: "
        + "write the key of an attribute, such as service.name",
        "test.yaml:3:41: loki.labels.attributes: lists 'req' twice"),
        errors("loki:\n  endpoint: http://l:3100\n"
            + "  labels: { resource: [\"\"], attributes: [req, req] }\n"));
  }

  @Test
  void aLabelsListInsteadOfASectionNamesTheKeys() {
    assertEquals(List.of("test.yaml:3:11: loki.labels: expected a mapping with keys resource, "
        + "attributes, severity, found a list"),
        errors("loki:\n  endpoint: http://l:3100\n  labels: [service.name, req]\n"));
  }

  @Test
  void tlsInsecureHasNoEffectAndIsRefused() {
    assertEquals(List.of("test.yaml:3:20: loki.tls.insecure: has no effect on an HTTP exporter: "
        + "the URL's scheme chooses plaintext (http://) or TLS (https://); remove it"),
        errors("loki:\n  endpoint: http://l:3100\n  tls: { insecure: true }\n"));
  }

  @Test
  void aZeroTimeoutIsRefused() {
    assertEquals(List.of("test.yaml:3:12: loki.timeout: must be positive, was 0s: it limits "
        + "each attempt to send a request, such as 5s"),
        errors("loki:\n  endpoint: http://l:3100\n  timeout: 0s\n"));
  }
}
