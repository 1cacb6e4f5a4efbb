package io.homeostat.server.admin;

import io.homeostat.core.telemetry.MetricFamily;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The process's and the JVM's basics under the names Prometheus users know:
 * {@code process_cpu_seconds_total} (a counter), {@code process_resident_memory_bytes} (from
 * {@code VmRSS} in {@code /proc/self/status}, left out where there is no such file),
 * {@code process_start_time_seconds}, {@code jvm_memory_heap_used_bytes} and
 * {@code jvm_threads_current}.
 *
 * <p>A metric source of its own rather than gauges in the {@code MetricRegistry}: the CPU time is
 * a counter read at scrape time, which the registry (whose counters are incremented) does not
 * hold, and a gauge may not carry the {@code _total} name.
 */
public final class ProcessMetrics implements MetricSource {

  private static final Path PROC_STATUS = Path.of("/proc/self/status");

  private final Path procStatus;
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  public ProcessMetrics() {
    this(PROC_STATUS);
  }

  ProcessMetrics(Path procStatus) {
    this.procStatus = procStatus;
  }

  @Override
  public List<MetricFamily> collect() {
    List<MetricFamily> families = new ArrayList<>(5);
    if (os instanceof com.sun.management.OperatingSystemMXBean sun
        && sun.getProcessCpuTime() >= 0) {
      families.add(one("process_cpu_seconds_total",
          "Total user and system CPU time spent in seconds.", MetricFamily.Type.COUNTER,
          sun.getProcessCpuTime() / 1e9));
    }
    residentBytes().ifPresent(bytes -> families.add(one("process_resident_memory_bytes",
        "Resident memory size in bytes.", MetricFamily.Type.GAUGE, bytes)));
    families.add(one("process_start_time_seconds",
        "Start time of the process since unix epoch in seconds.", MetricFamily.Type.GAUGE,
        runtime.getStartTime() / 1e3));
    families.add(one("jvm_memory_heap_used_bytes", "Used bytes of the JVM heap.",
        MetricFamily.Type.GAUGE, memory.getHeapMemoryUsage().getUsed()));
    families.add(one("jvm_threads_current", "Current thread count of the JVM.",
        MetricFamily.Type.GAUGE, threads.getThreadCount()));
    return families;
  }

  /** {@code VmRSS:   123456 kB} in bytes; empty where the file or the line is missing. */
  OptionalLong residentBytes() {
    List<String> lines;
    try {
      lines = Files.readAllLines(procStatus);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    for (String line : lines) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring("VmRSS:".length()).strip().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  private static MetricFamily one(String name, String help, MetricFamily.Type type,
      double value) {
    return new MetricFamily(name, help, type, List.of(new MetricFamily.Sample(Map.of(), value)));
  }
}
