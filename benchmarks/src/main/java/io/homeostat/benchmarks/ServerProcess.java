package io.homeostat.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Homeostat server in a process of its own ({@code java -jar homeostat.jar run --config FILE}),
 * with its output in a log file, its admin endpoint at hand, and SIGTERM to stop it.
 */
final class ServerProcess implements AutoCloseable {

  /** How often readiness is asked while waiting: there is no event to wait on across processes. */
  private static final Duration POLL = Duration.ofMillis(100);

  private final String role;
  private final Process process;
  private final Path log;
  private final AdminClient admin;

  private ServerProcess(String role, Process process, Path log, AdminClient admin) {
    this.role = role;
    this.process = process;
    this.log = log;
    this.admin = admin;
  }

  /**
   * Starts {@code jar} with {@code config}, the JVM options given and {@code environment} added to
   * this process's own.
   */
  static ServerProcess start(String role, Path jar, Path config, List<String> jvmOptions,
      Map<String, String> environment, int adminPort, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(javaBinary().toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new ServerProcess(role, builder.start(), log, new AdminClient("127.0.0.1", adminPort));
  }

  /** The {@code java} of the JVM running the benchmarks, so that both sides run the same one. */
  static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  long pid() {
    return process.pid();
  }

  AdminClient admin() {
    return admin;
  }

  Path log() {
    return log;
  }

  /** Waits until {@code GET /readyz} answers 200; throws with the log's end if it never does. */
  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IOException("the " + role + " exited with status " + process.exitValue()
            + " before it was ready; its log " + log + " ends with:\n" + tail());
      }
      if (admin.ready()) {
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IOException("the " + role + " was not ready within " + timeout.toSeconds()
        + " s; its log " + log + " ends with:\n" + tail());
  }

  /**
   * Throws when the process has ended before the runner stopped it: a crash, or a signal from
   * another program, which would otherwise show as a baffling failure to read {@code /proc}.
   */
  void requireRunning() throws IOException {
    if (!process.isAlive()) {
      throw new IOException("the " + role + " (pid " + process.pid() + ") exited with status "
          + process.exitValue() + " before the runner stopped it (a crash, or a signal from another "
          + "program); its log " + log + " ends with:\n" + tail());
    }
  }

  /**
   * Sends SIGTERM and waits for the exit status; after {@code timeout} the process is killed and
   * -1 returned.
   */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return process.exitValue();
    }
    process.destroyForcibly().waitFor();
    return -1;
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(cannot read it: " + e.getMessage() + ")";
    }
  }

  /** Kills the process if it still runs: for runs that end on an error. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
