package io.homeostat.server.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A Homeostat server in a JVM of its own, started as {@code homeostat run --config FILE} starts
 * it, so that a test can stop it with SIGTERM or kill it with SIGKILL. Its output goes to a log
 * file the test reads.
 */
final class ChildServer implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  private final Process process;
  private final int adminPort;
  private final Path log;
  private final HttpClient http = HttpClient.newHttpClient();

  private ChildServer(Process process, int adminPort, Path log) {
    this.process = process;
    this.adminPort = adminPort;
    this.log = log;
  }

  /**
   * Starts a server on {@code config}, whose admin endpoint is on {@code adminPort}, and returns
   * once it is ready; its output goes to {@code log}.
   */
  static ChildServer start(Path config, int adminPort, Path log) throws IOException {
    return start(List.of(), config, adminPort, log);
  }

  /**
   * As {@link #start(Path, int, Path)}, with {@code launcher} before the java command: such as
   * {@code env --default-signal=HUP}, since a test run under nohup passes SIGHUP on ignored.
   */
  static ChildServer start(List<String> launcher, Path config, int adminPort, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.homeostat.server.Main", "run",
        "--config", config.toString()));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ChildServer server = new ChildServer(process, adminPort, log);
    try {
      within(READY_TIMEOUT, "the server in " + log + " to be ready", server::ready);
    } catch (AssertionError e) {
      process.destroyForcibly();
      throw new AssertionError(e.getMessage() + "; its log:\n" + server.log(), e);
    }
    return server;
  }

  /**
   * Returns once {@code condition} holds; fails with {@code what} after {@code limit}. For states
   * another process reaches, which no latch can signal.
   */
  static void within(Duration limit, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out after " + limit.toSeconds() + "s waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new AssertionError("the server exited with " + process.exitValue());
    }
    try {
      return get("/readyz").statusCode() == 200;
    } catch (IOException | InterruptedException notYet) {
      return false;
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The value of one series of the server's self metrics, such as
   * {@code homeostat_exporter_queue_size{exporter="otlp"}}; NaN when it has none.
   */
  double metric(String series) throws IOException, InterruptedException {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    return Double.NaN;
  }

  /** What the server wrote so far. */
  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Sends SIGHUP, which asks the server to reload its config. */
  void hangup() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new AssertionError("kill -HUP " + process.pid() + " exited with " + kill.exitValue());
    }
  }

  /** Kills the server as SIGKILL does: no shutdown, nothing flushed by the JVM. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not die of SIGKILL");
    }
  }

  /** Stops the server with SIGTERM and returns its exit status. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not stop within " + EXIT_TIMEOUT.toSeconds()
          + "s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
