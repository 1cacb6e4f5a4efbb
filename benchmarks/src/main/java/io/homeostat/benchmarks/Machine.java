package io.homeostat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The machine a run was measured on, so that figures from two runs can be told apart.
 *
 * @param nproc processors this JVM may use
 * @param cpuModel {@code model name} from {@code /proc/cpuinfo}
 * @param memTotalMib {@code MemTotal} from {@code /proc/meminfo}
 * @param java what {@code java -version} of the servers' JVM prints
 * @param os the distribution's name, kernel and architecture
 */
record Machine(int nproc, String cpuModel, long memTotalMib, String java, String os) {

  static Machine describe(Path javaBinary) {
    return new Machine(Runtime.getRuntime().availableProcessors(),
        procField(Path.of("/proc/cpuinfo"), "model name"),
        memTotalMib(procField(Path.of("/proc/meminfo"), "MemTotal")),
        javaVersion(javaBinary),
        osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
            + ", " + System.getProperty("os.arch") + ")");
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  /** The value of the first {@code key: value} line of a {@code /proc} file. */
  private static String procField(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
          return line.substring(colon + 1).strip();
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  private static long memTotalMib(String memTotal) {
    String[] parts = memTotal.split("\\s+");
    try {
      return Long.parseLong(parts[0]) / 1024;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String osRelease() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return line.substring("PRETTY_NAME=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  private static String javaVersion(Path javaBinary) {
    try {
      Process process = new ProcessBuilder(javaBinary.toString(), "-version").redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return String.join("; ", out.strip().lines().toList());
    } catch (IOException e) {
      return "unknown: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
