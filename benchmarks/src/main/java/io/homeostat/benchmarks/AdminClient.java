package io.homeostat.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a running server's admin endpoint whether it is ready and what its self metrics say. */
final class AdminClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI readyz;
  private final URI metrics;

  AdminClient(String host, int port) {
    URI base = URI.create("http://" + host + ":" + port);
    this.readyz = base.resolve("/readyz");
    this.metrics = base.resolve("/metrics");
  }

  /** True when {@code GET /readyz} answers 200; false while it does not answer at all. */
  boolean ready() throws InterruptedException {
    try {
      return get(readyz).statusCode() == 200;
    } catch (IOException notListeningYet) {
      return false;
    }
  }

  /** The sum of every series of the self metric {@code name}. */
  double metric(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = get(metrics);
    if (response.statusCode() != 200) {
      throw new IOException("GET " + metrics + " answered " + response.statusCode());
    }
    return PrometheusText.sum(response.body(), name);
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
