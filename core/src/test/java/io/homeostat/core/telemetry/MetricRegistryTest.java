package io.homeostat.core.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {

  @Test
  void theSameSeriesIsTheSameCounter() {
    MetricRegistry registry = new MetricRegistry();
    Counter a = registry.counter("x_total", "help", "exporter", "otlp");
    Counter b = registry.counter("x_total", "help", "exporter", "otlp");
    assertSame(a, b);
    a.add(3);
    registry.counter("x_total", "help", "exporter", "file").inc();
    registry.gauge("q", "queue", () -> 7, "exporter", "otlp");

    List<MetricFamily> families = registry.collect();
    assertEquals(List.of("q", "x_total"), families.stream().map(MetricFamily::name).toList());
    assertEquals(List.of(new MetricFamily.Sample(Map.of("exporter", "otlp"), 7)), families.get(0).samples());
    assertEquals(3.0, registry.value("x_total", "exporter", "otlp"));
    assertEquals(1.0, registry.value("x_total", "exporter", "file"));
    assertEquals(Double.NaN, registry.value("x_total", "exporter", "none"));
  }

  @Test
  void namesAndTypesAreChecked() {
    MetricRegistry registry = new MetricRegistry();
    assertThrows(IllegalArgumentException.class, () -> registry.counter("x", "help"));
    registry.gauge("g_total", "help", () -> 1);
    assertThrows(IllegalArgumentException.class, () -> registry.counter("g_total", "h").inc());
    assertThrows(IllegalArgumentException.class, () -> registry.gauge("g", "h", () -> 1, "odd"));
  }

  @Test
  void clearingGaugesKeepsTheCountersAndTheirCounts() {
    MetricRegistry registry = new MetricRegistry();
    Counter sent = registry.counter("sent_total", "help", "exporter", "file");
    sent.add(5);
    registry.gauge("queue_size", "help", () -> 3, "exporter", "file");

    registry.clearGauges();
    assertEquals(List.of("sent_total"), registry.collect().stream().map(MetricFamily::name).toList());
    assertSame(sent, registry.counter("sent_total", "help", "exporter", "file"));
    assertEquals(5.0, registry.value("sent_total", "exporter", "file"));
    registry.gauge("queue_size", "help", () -> 0, "exporter", "file");
    assertEquals(0.0, registry.value("queue_size", "exporter", "file"));
  }
}
