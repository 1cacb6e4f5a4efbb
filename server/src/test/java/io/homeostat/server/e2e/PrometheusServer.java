package io.homeostat.server.e2e;

import io.homeostat.core.testing.ExternalProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, Debian's package) on a free port, with its
 * config and data under the test's directory, and its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

  private static final String BINARY = "/usr/bin/prometheus";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExternalProcess process;
  private final String url;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(ExternalProcess process, String url) {
    this.process = process;
    this.url = url;
  }

  /**
   * Starts Prometheus with {@code config} (its {@code prometheus.yml}); skips the test when it is
   * not installed.
   *
   * @param extraFlags such as {@code --web.enable-remote-write-receiver}
   */
  static PrometheusServer start(Path dir, String config, String... extraFlags) throws Exception {
    Path binary = ExternalProcess.require(BINARY, "apt-get install prometheus");
    Path home = Files.createDirectories(dir.resolve("prometheus"));
    Path configFile = Files.writeString(home.resolve("prometheus.yml"), config);
    int port = RunningServer.freePort();
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--config.file=" + configFile,
        "--storage.tsdb.path=" + home.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--log.level=warn"));
    command.addAll(List.of(extraFlags));
    String url = "http://127.0.0.1:" + port;
    return new PrometheusServer(ExternalProcess.start("prometheus", command, home,
        URI.create(url + "/-/ready")), url);
  }

  /** The remote-write receiver's URL (Prometheus started with the receiver flag). */
  String remoteWriteUrl() {
    return url + "/api/v1/write";
  }

  /** {@code data.result} of an instant query at the current time. */
  JsonNode query(String promql) throws Exception {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** {@code data} of a series query: the label sets of every series that matches. */
  JsonNode series(String match) throws Exception {
    return get("/api/v1/series?match[]=" + URLEncoder.encode(match, StandardCharsets.UTF_8)
        + "&start=0");
  }

  private JsonNode get(String pathAndQuery) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url
        + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError("Prometheus answered " + response.statusCode() + " to "
          + pathAndQuery + ": " + response.body());
    }
    JsonNode data = body.path("data");
    return data.has("result") ? data.get("result") : data;
  }

  /** Prometheus's log so far, for failure messages. */
  String log() {
    return process.output();
  }

  @Override
  public void close() {
    process.close();
  }
}
