package io.homeostat.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

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
import org.junit.jupiter.api.Assumptions;

/**
 * A real server binary (Prometheus, Alertmanager) run as a child process for a test, with its
 * output in a log file under the test's directory.
 *
 * <p>When the binary is not installed the test is skipped with a message that says how to install
 * it, unless the environment variable {@value #REQUIRE} is set (CI sets it): then it fails.
 */
public final class ExternalProcess implements AutoCloseable {

  /** Set (to anything) to make a missing binary fail the test instead of skipping it. */
  public static final String REQUIRE = "HOMEOSTAT_REQUIRE_EXTERNAL";

  private static final Duration READY_WITHIN = Duration.ofSeconds(60);
  private static final Duration STOP_WITHIN = Duration.ofSeconds(10);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final String name;
  private final Process process;
  private final Path log;

  private ExternalProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Returns {@code binary} if it is installed; otherwise skips the test, or fails it when
   * {@value #REQUIRE} is set.
   *
   * @param installHint how to install it, such as {@code apt-get install prometheus}
   */
  public static Path require(String binary, String installHint) {
    Path path = Path.of(binary);
    if (!Files.isExecutable(path)) {
      String message = binary + " is not installed: " + installHint;
      if (System.getenv(REQUIRE) != null) {
        fail(message + " (" + REQUIRE + " is set, so the test may not be skipped)");
      }
      Assumptions.abort(message);
    }
    return path;
  }

  /**
   * Starts {@code command} in {@code dir} and returns once {@code readyUrl} answers 200; fails the
   * test with the process's output if it exits or is not ready within a minute.
   */
  public static ExternalProcess start(String name, List<String> command, Path dir, URI readyUrl)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ExternalProcess started = new ExternalProcess(name, process, log);
    try {
      started.awaitReady(readyUrl);
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  private void awaitReady(URI readyUrl) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest ready = HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(2)).build();
    long end = System.nanoTime() + READY_WITHIN.toNanos();
    List<String> failures = new ArrayList<>();
    while (System.nanoTime() - end < 0) {
      if (!process.isAlive()) {
        fail(name + " exited with status " + process.exitValue() + " before it was ready:\n"
            + output());
      }
      try {
        int status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return;
        }
        failures.add("status " + status);
      } catch (IOException e) {
        failures.add(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for " + name);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    fail(name + " was not ready at " + readyUrl + " within " + READY_WITHIN.toSeconds()
        + "s (last: " + (failures.isEmpty() ? "-" : failures.get(failures.size() - 1))
        + "):\n" + output());
  }

  /** What the process wrote so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Stops the process: SIGTERM, then SIGKILL if it is still running after ten seconds. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
