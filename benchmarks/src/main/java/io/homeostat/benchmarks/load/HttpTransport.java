package io.homeostat.benchmarks.load;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.retry.RetryAfter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * OTLP/HTTP with pre-encoded protobuf bodies: {@code POST /v1/traces} (and metrics, logs) with
 * {@code application/x-protobuf}, over HTTP/1.1 keep-alive connections, one per request in flight.
 */
public final class HttpTransport implements Transport {

  /** How long one request may take before it counts as refused, as an SDK's timeout would. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;
  private final URI uri;

  public HttpTransport(Signal signal, String host, int port) {
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    this.uri = URI.create("http://" + host + ":" + port + "/v1/" + signal.configName());
  }

  @Override
  public void send(byte[] body, Consumer<SendResult> onResult) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/x-protobuf")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) ->
        onResult.accept(error == null
            ? classify(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                response.body(), Instant.now())
            : failure(error)));
  }

  /** An answer as the OTLP specification tells clients to treat it. */
  static SendResult classify(int status, String retryAfter, byte[] body, Instant now) {
    if (status == 200) {
      return SendResult.Accepted.of(body);
    }
    String reason = "HTTP " + status;
    return switch (status) {
      case 429, 502, 503, 504 ->
          new SendResult.Refused(RetryAfter.parse(retryAfter, now).orElse(null), reason);
      default -> new SendResult.Failed(reason);
    };
  }

  /** No answer: a refused connection or a timeout is retried, as the SDKs do; anything else is not. */
  private static SendResult failure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return cause instanceof ConnectException || cause instanceof HttpTimeoutException
        ? new SendResult.Refused(null, reason)
        : new SendResult.Failed(reason);
  }

  @Override
  public void close() {
    // HttpClient on Java 17 has no close(); its threads end once it is unreachable.
  }
}
