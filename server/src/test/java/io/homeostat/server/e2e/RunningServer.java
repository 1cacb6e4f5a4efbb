package io.homeostat.server.e2e;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.receiver.otlp.OtlpReceiver;
import io.homeostat.server.Homeostat;
import io.homeostat.server.config.ConfigLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real server started in this JVM from a YAML written by the test, listening on free ports. */
final class RunningServer implements AutoCloseable {

  private final Homeostat server;

  private RunningServer(Homeostat server) {
    this.server = server;
  }

  /** Writes {@code yaml} to {@code dir/name} and starts the server it describes. */
  static RunningServer start(Path dir, String name, String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve(name), yaml);
    return new RunningServer(Homeostat.start(
        new ConfigLoader(ComponentRegistry.load(), EnvExpander.system()).load(file)));
  }

  /** A port that was free a moment ago, for a server that must come up on a known port later. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private OtlpReceiver receiver() {
    return (OtlpReceiver) server.service().receivers().get(ComponentId.of("otlp"));
  }

  int grpcPort() {
    return receiver().grpcAddress().getPort();
  }

  int httpPort() {
    return receiver().httpAddress().getPort();
  }

  int adminPort() {
    return server.adminAddress().getPort();
  }

  /** The current value of one self metric; NaN when the series does not exist. */
  double metric(String name, String... labels) {
    return server.metrics().value(name, labels);
  }

  /** Asks for a reload as an operator does, {@code POST /-/reload}, and returns the answer. */
  HttpResponse<String> reload() throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + adminPort() + "/-/reload"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET path} on the admin endpoint, such as {@code /readyz}. */
  HttpResponse<String> admin(String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + adminPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("GET " + path + " on the admin endpoint failed", e);
    }
  }

  /** Stops the server the way SIGTERM does: drains the ring and the exporter queues. */
  @Override
  public void close() {
    server.close();
  }
}
