package io.homeostat.exporter.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The otlphttp exporter over https, against the JDK's own HTTPS server (core's listener has no
 * TLS) with certificates made by keytool.
 */
class OtlpHttpTlsTest {

  private static final OtlpHttpExporterFactory FACTORY = new OtlpHttpExporterFactory();

  @TempDir
  static Path dir;
  private static TestCertificates server;
  private static TestCertificates elsewhere;

  private final AtomicInteger received = new AtomicInteger();
  private HttpsServer https;

  @BeforeAll
  static void makeCertificates() throws Exception {
    server = TestCertificates.forLocalhost(dir, "server");
    elsewhere = TestCertificates.forAnotherHost(dir);
  }

  @AfterEach
  void stop() {
    https.stop(0);
  }

  private void serve(TestCertificates certificate) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(certificate.keyManagers().getKeyManagers(), null, null);
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(context));
    https.createContext("/v1/traces", exchange -> {
      exchange.getRequestBody().readAllBytes();
      received.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    https.start();
  }

  private Outcome.Accepted send(String tls) throws Exception {
    OtlpHttpConfig config = ConfigFixture.bind(FACTORY, "otlphttp:\n  endpoint: https://127.0.0.1:"
        + https.getAddress().getPort() + "\n  tls: " + tls + "\n");
    HttpSender sender = new HttpSender(new ComponentSettings(ComponentId.of("otlphttp"),
        new MetricRegistry(), dir), config, EnumSet.of(Signal.TRACES));
    sender.start();
    return sender.send(Signal.TRACES, TestRequests.spans(1), Deadline.in(Duration.ofSeconds(5)));
  }

  @Test
  void trustsTheServerThroughCaFile() throws Exception {
    serve(server);
    assertEquals(Outcome.ACCEPTED, send("{ ca_file: server.pem }"));
    assertEquals(1, received.get());
  }

  @Test
  void refusesAnUnknownServerWithAMessageAboutTls() throws Exception {
    serve(server);
    ExportException e = assertThrows(ExportException.class, () -> send("{}"));
    assertFalse(e instanceof PermanentExportException);
    assertTrue(e.getMessage().startsWith("the TLS handshake with https://127.0.0.1:"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; check tls.ca_file (or the system trust store), "
        + "tls.cert_file and tls.key_file, and that the server's certificate names the URL's "
        + "host; use http:// if the backend listens in plaintext"), e.getMessage());
  }

  @Test
  void refusesACertificateForAnotherHost() throws Exception {
    serve(elsewhere);
    assertThrows(ExportException.class, () -> send("{ ca_file: elsewhere.pem }"));
    assertEquals(0, received.get());
  }

  @Test
  void insecureSkipVerifyAcceptsAnyCertificateAndName() throws Exception {
    serve(elsewhere);
    assertEquals(Outcome.ACCEPTED, send("{ insecure_skip_verify: true }"));
  }
}
