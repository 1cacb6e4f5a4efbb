package io.homeostat.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.telemetry.MetricFamily;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetricsTest {

  @TempDir
  Path dir;

  @Test
  void residentMemoryComesFromVmRss() throws Exception {
    Path status = Files.writeString(dir.resolve("status"),
        "Name:\tjava\nVmPeak:\t  999 kB\nVmRSS:\t   12345 kB\nThreads:\t30\n");
    assertEquals(OptionalLong.of(12345L * 1024), new ProcessMetrics(status).residentBytes());
  }

  @Test
  void withoutProcResidentMemoryIsLeftOut() throws Exception {
    ProcessMetrics missing = new ProcessMetrics(dir.resolve("absent"));
    assertEquals(OptionalLong.empty(), missing.residentBytes());
    assertTrue(names(missing).stream().noneMatch(n -> n.equals("process_resident_memory_bytes")));

    Path noLine = Files.writeString(dir.resolve("status"), "Name:\tjava\n");
    assertEquals(OptionalLong.empty(), new ProcessMetrics(noLine).residentBytes());
    Path garbled = Files.writeString(dir.resolve("garbled"), "VmRSS:\tlots\n");
    assertEquals(OptionalLong.empty(), new ProcessMetrics(garbled).residentBytes());
  }

  @Test
  void collectsTheProcessAndJvmBasics() {
    Map<String, MetricFamily> families = new ProcessMetrics().collect().stream()
        .collect(Collectors.toMap(MetricFamily::name, f -> f));
    assertEquals(MetricFamily.Type.COUNTER, families.get("process_cpu_seconds_total").type());
    for (String gauge : List.of("process_start_time_seconds", "jvm_memory_heap_used_bytes",
        "jvm_threads_current")) {
      assertEquals(MetricFamily.Type.GAUGE, families.get(gauge).type(), gauge);
      assertTrue(families.get(gauge).samples().get(0).value() > 0, gauge);
    }
    if (Files.isReadable(Path.of("/proc/self/status"))) {
      assertTrue(families.get("process_resident_memory_bytes").samples().get(0).value() > 0);
    }
    assertTrue(families.get("process_start_time_seconds").samples().get(0).value()
        <= System.currentTimeMillis() / 1e3);
  }

  @Test
  void theCpuCounterIsWrittenAsACounterWithTotalOnce() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out,
        MetricsHandler.snapshots(new ProcessMetrics().collect()));
    String text = out.toString(StandardCharsets.UTF_8);

    assertTrue(text.contains("# TYPE process_cpu_seconds_total counter\n"), text);
    assertTrue(text.matches("(?s).*\nprocess_cpu_seconds_total \\d+\\.\\d+(E-?\\d+)?\n.*"), text);
    assertTrue(!text.contains("_total_total"), text);
    assertTrue(text.contains("# TYPE jvm_threads_current gauge\n"), text);
    assertTrue(text.contains("# TYPE process_start_time_seconds gauge\n"), text);
  }

  private static List<String> names(ProcessMetrics metrics) {
    return metrics.collect().stream().map(MetricFamily::name).toList();
  }
}
