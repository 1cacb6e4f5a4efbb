package io.homeostat.exporter.otlp;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.Durations;
import io.homeostat.core.retry.RetryAfter;
import io.homeostat.exporter.sending.ExportException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLException;

/**
 * One request of an exporter that posts over HTTP, sent with the JDK's client. Getting no answer
 * is always worth another try, so every such failure is a retryable {@link ExportException}
 * whose message says what to check; what an answer means is the exporter's to decide.
 */
public final class HttpPost {

  private HttpPost() {}

  /**
   * The JDK client an exporter posts with: HTTP/1.1 (which every backend takes; HTTP/2 upgrade
   * attempts confuse some proxies), the configured timeout to connect, and {@code tls} when any of
   * its URLs is {@code https}.
   */
  public static HttpClient client(Duration connectTimeout, boolean https, TlsConfig tls,
      ComponentSettings settings) throws IOException {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout);
    if (https) {
      builder.sslContext(TlsMaterial.sslContext(tls, settings));
    }
    return builder.build();
  }

  /** The start of an error body for a message, stripped and cut after {@code max} bytes. */
  public static String excerpt(byte[] body, int max) {
    String text = new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8).strip();
    return body.length > max && !text.isEmpty() ? text + "..." : text;
  }

  /**
   * Sends {@code request} and returns the answer, whatever its status.
   *
   * @param backend what the exporter talks to, for messages: {@code the OTLP/HTTP backend},
   *     {@code Loki}
   * @param timeout the configured {@code timeout}, for messages
   */
  public static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, String backend,
      Duration timeout) throws ExportException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new ExportException("no answer from " + backend + " at " + request.uri()
          + " within timeout (" + Durations.format(timeout) + "): the backend is overloaded or "
          + "unreachable, or raise timeout", e);
    } catch (ConnectException e) {
      throw new ExportException("cannot connect to " + backend + " at " + request.uri() + ": "
          + e + "; check that the endpoint is right and the backend is up", e);
    } catch (SSLException e) {
      throw new ExportException("the TLS handshake with " + request.uri() + " failed: "
          + e.getMessage() + "; check tls.ca_file (or the system trust store), tls.cert_file "
          + "and tls.key_file, and that the server's certificate names the URL's host; use "
          + "http:// if the backend listens in plaintext", e);
    } catch (IOException e) {
      throw new ExportException("sending to " + backend + " at " + request.uri() + " failed: "
          + e + "; check that the endpoint is right and the backend is up", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExportException("sending to " + request.uri() + " was interrupted by shutdown",
          e);
    }
  }

  /** The wait an answer's {@code Retry-After} asks for; zero when it asks for none. */
  public static Duration retryAfter(HttpResponse<?> response, Instant now) {
    return RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now)
        .orElse(Duration.ZERO);
  }
}
