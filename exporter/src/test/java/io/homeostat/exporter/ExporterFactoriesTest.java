package io.homeostat.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.component.ComponentKind;
import io.homeostat.core.component.ComponentRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExporterFactoriesTest {

  @Test
  void everyExporterTypeIsFoundThroughItsServiceFile() {
    List<String> types = new ArrayList<>();
    ComponentRegistry.load().types(ComponentKind.EXPORTER).forEach(types::add);
    assertEquals(List.of("debug", "file", "loki", "nop", "otlp", "otlphttp", "prometheus",
        "prometheusremotewrite"), types);
  }
}
