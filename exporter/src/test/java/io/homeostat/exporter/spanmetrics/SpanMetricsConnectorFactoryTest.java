package io.homeostat.exporter.spanmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;
import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanMetricsConnectorFactoryTest {

  private final SpanMetricsConnectorFactory factory = new SpanMetricsConnectorFactory();

  @Test
  void itIsFoundThroughItsServiceFile() {
    List<String> types = new ArrayList<>();
    ComponentRegistry.load().types(ComponentKind.CONNECTOR).forEach(types::add);
    assertTrue(types.contains("spanmetrics"), types.toString());
  }

  @Test
  void itTurnsTracesIntoMetrics() {
    assertEquals(EnumSet.of(Signal.TRACES), factory.supportedSignals());
    assertEquals(EnumSet.of(Signal.METRICS), factory.outputs(Signal.TRACES));
    assertEquals(EnumSet.noneOf(Signal.class), factory.outputs(Signal.LOGS));
  }

  @Test
  void withoutAMetricsPipelineToFeedItCannotBeMade() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> factory.create(new ComponentSettings(ComponentId.parse("spanmetrics/red"),
            new MetricRegistry(), Path.of(".")), factory.createDefaultConfig(),
            EnumSet.of(Signal.TRACES), Map.of()));
    assertEquals("connector spanmetrics/red makes metrics: list it under the receivers of a "
        + "metrics pipeline", e.getMessage());
  }
}
