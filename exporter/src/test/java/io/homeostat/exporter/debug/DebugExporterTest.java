package io.homeostat.exporter.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.core.testing.LogCapture;
import io.homeostat.exporter.TestRequests;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugExporterTest {

  private static final DebugExporterFactory FACTORY = new DebugExporterFactory();

  @Test
  void logsEachRequestAtInfoFromItsOwnThreadUnderALoggerNamedForTheId() throws Exception {
    MetricRegistry registry = new MetricRegistry();
    Exporter exporter = FACTORY.create(new ComponentSettings(ComponentId.parse("debug/pipeline"),
        registry, Path.of(".")), EnumSet.allOf(Signal.class),
        ConfigFixture.bind(FACTORY, "debug:\n  verbosity: normal\n"));
    try (LogCapture logs = new LogCapture()) {
      exporter.start();
      exporter.offer(Signal.LOGS, TestRequests.logRecords(2));
      Await.equal(2, () -> logs.lines("  log ERROR \"line ").size());
      List<String> summary = logs.lines("Logs: resource logs=1, scope logs=1, log records=2");
      assertEquals(1, summary.size());
      assertTrue(summary.get(0).startsWith("[exporter-debug/pipeline-0] INFO "
          + "io.homeostat.exporter.debug.debug/pipeline - "), summary.get(0));
    } finally {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    assertEquals(2.0, registry.value("homeostat_exporter_sent_log_records_total",
        "exporter", "debug/pipeline"));
  }

  @Test
  void verbosityDefaultsToBasic() {
    assertEquals(new DebugConfig(DebugConfig.Verbosity.BASIC),
        ConfigFixture.bind(FACTORY, "debug:\n"));
  }

  @Test
  void anUnknownVerbosityIsRefused() {
    assertEquals(List.of("test.yaml:2:14: debug.verbosity: expected one of basic, normal, "
        + "detailed, found 'verbose'"),
        ConfigFixture.errors(FACTORY, "debug:\n  verbosity: verbose\n"));
  }
}
