package io.homeostat.exporter.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.exporter.TestCertificates;
import io.homeostat.exporter.TestRequests;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The otlp exporter over TLS, against servers with certificates made by keytool. */
class OtlpGrpcTlsTest {

  private static final OtlpGrpcExporterFactory FACTORY = new OtlpGrpcExporterFactory();

  @TempDir
  static Path dir;
  private static TestCertificates server;
  private static TestCertificates elsewhere;
  private static TestCertificates client;

  private FakeGrpcBackend backend;
  private GrpcSender sender;

  @BeforeAll
  static void makeCertificates() throws Exception {
    server = TestCertificates.forLocalhost(dir, "server");
    elsewhere = TestCertificates.forAnotherHost(dir);
    client = TestCertificates.generate(dir, "client", "homeostat", "dns:homeostat");
  }

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.shutdown();
    }
    backend.close();
  }

  private static ServerCredentials serving(TestCertificates certificate) throws Exception {
    return TlsServerCredentials.newBuilder()
        .keyManager(certificate.keyManagers().getKeyManagers()).build();
  }

  private Outcome.Accepted send(String tls) throws Exception {
    OtlpGrpcConfig config = ConfigFixture.bind(FACTORY,
        "otlp:\n  endpoint: " + backend.endpoint() + "\n  tls: " + tls + "\n");
    sender = new GrpcSender(new ComponentSettings(ComponentId.of("otlp"), new MetricRegistry(),
        dir), config);
    sender.start();
    return sender.send(Signal.TRACES, TestRequests.spans(2), Deadline.in(Duration.ofSeconds(5)));
  }

  @Test
  void trustsTheServerThroughCaFileResolvedAgainstTheConfigDirectory() throws Exception {
    backend = new FakeGrpcBackend(serving(server));
    assertEquals(Outcome.ACCEPTED, send("{ ca_file: server.pem }"));
    assertEquals(TestRequests.spans(2), backend.nextCall().request());
  }

  @Test
  void refusesAServerTheSystemTrustStoreDoesNotKnowAndSaysWhatToCheck() throws Exception {
    backend = new FakeGrpcBackend(serving(server));
    ExportException e = assertThrows(ExportException.class, () -> send("{}"));
    assertFalse(e instanceof PermanentExportException);
    assertTrue(e.getMessage().endsWith("; the TLS handshake failed: check tls.ca_file (or the "
        + "system trust store), tls.cert_file and tls.key_file, and that the server's "
        + "certificate names the endpoint's host; set tls.insecure: true if the backend listens "
        + "in plaintext"), e.getMessage());
  }

  @Test
  void refusesACertificateForAnotherHostEvenWhenItsIssuerIsTrusted() throws Exception {
    backend = new FakeGrpcBackend(serving(elsewhere));
    ExportException e = assertThrows(ExportException.class,
        () -> send("{ ca_file: elsewhere.pem }"));
    assertTrue(e.getMessage().contains("the TLS handshake failed"), e.getMessage());
  }

  @Test
  void insecureSkipVerifyAcceptsAnyCertificateAndName() throws Exception {
    backend = new FakeGrpcBackend(serving(elsewhere));
    assertEquals(Outcome.ACCEPTED, send("{ insecure_skip_verify: true }"));
  }

  @Test
  void presentsTheClientCertificateToAServerThatRequiresOne() throws Exception {
    backend = new FakeGrpcBackend(TlsServerCredentials.newBuilder()
        .keyManager(server.keyManagers().getKeyManagers())
        .trustManager(client.certPem().toFile())
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build());
    assertEquals(Outcome.ACCEPTED,
        send("{ ca_file: server.pem, cert_file: client.pem, key_file: client-key.pem }"));
  }

  @Test
  void aKeyInTheOldRsaFormatIsRefusedAtStartWithTheConversionCommand() throws Exception {
    backend = new FakeGrpcBackend(serving(server));
    Files.writeString(dir.resolve("rsa-key.pem"),
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----\n");
    IOException e = assertThrows(IOException.class,
        () -> send("{ cert_file: client.pem, key_file: rsa-key.pem }"));
    assertEquals("tls.key_file '" + dir.resolve("rsa-key.pem") + "' holds a RSA PRIVATE KEY; "
        + "give an unencrypted PKCS#8 key (BEGIN PRIVATE KEY), for example from "
        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'", e.getMessage());
  }

  @Test
  void aMissingCaFileStopsTheStartNamingTheKeyAndFile() throws Exception {
    backend = new FakeGrpcBackend(serving(server));
    IOException e = assertThrows(IOException.class, () -> send("{ ca_file: missing.pem }"));
    assertTrue(e.getMessage().startsWith("cannot read tls.ca_file '" + dir.resolve("missing.pem")
        + "': java.nio.file.NoSuchFileException"), e.getMessage());
  }
}
