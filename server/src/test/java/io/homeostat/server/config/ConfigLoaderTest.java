package io.homeostat.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.pipeline.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private final ConfigLoader loader = new ConfigLoader(TestFactories.registry(),
      new EnvExpander(Map.of("CAPACITY", "7")::get));

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("c.yaml"), yaml);
  }

  private List<String> errors(String yaml) throws IOException {
    Path file = write(yaml);
    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file));
    String prefix = file + ":";
    return e.problems().stream().map(ConfigProblem::toString)
        .map(s -> s.startsWith(prefix) ? s.substring(prefix.length()) : s).toList();
  }

  @Test
  void aValidConfigResolvesItsPipelinesAndWarnsAboutUnusedComponents() throws IOException {
    LoadedConfig loaded = loader.load(write("""
        receivers:
          testin:
        processors:
          noop:
        exporters:
          capture: { capacity: "${CAPACITY}" }
          capture/spare:
        service:
          shutdown_timeout: 3s
          pipelines:
            traces: { receivers: [testin], processors: [noop], exporters: [capture] }
            metrics/2: { receivers: [testin], exporters: [capture] }
        """));
    assertEquals(List.of(
        new PipelineSpec(ComponentId.parse("traces"), Signal.TRACES, List.of(ComponentId.of("testin")),
            List.of(ComponentId.of("noop")), List.of(ComponentId.of("capture"))),
        new PipelineSpec(ComponentId.parse("metrics/2"), Signal.METRICS, List.of(ComponentId.of("testin")),
            List.of(), List.of(ComponentId.of("capture")))), loaded.pipelines());
    assertEquals(new TestFactories.CaptureConfig(7), loaded.exporters().get(ComponentId.of("capture")).config());
    assertEquals(Duration.ofSeconds(3), loaded.service().shutdownTimeout());
    assertEquals(List.of(ComponentId.of("capture")), List.copyOf(loaded.exporters().keySet()));
    assertEquals(List.of("7:3: warning: exporters.capture/spare: exporter 'capture/spare' is used by no "
            + "pipeline and will not start (add it to a pipeline under service.pipelines, or remove it)"),
        loaded.warnings().stream().map(ConfigProblem::toString)
            .map(s -> s.substring(s.indexOf(".yaml:") + 6)).toList());
  }

  @Test
  void everyMistakeIsReportedWithItsLineInOneRun() throws IOException {
    assertEquals(List.of(
        "1:1: recievers: unknown key 'recievers'; did you mean 'receivers'? (valid keys: receivers, "
            + "processors, exporters, connectors, homeostasis, alerting, feedback, service)",
        "3:3: exporters.captur: unknown exporter type 'captur'; did you mean 'capture'? (known "
            + "types: capture, tracesonly)",
        "4:24: exporters.capture.capacity: expected a whole number, found 'lots'",
        "5:15: exporters.tracesonly: expected a mapping with keys capacity, found 'x'",
        "7:21: service.shutdown_timeout: invalid duration '10': write a number with a unit (ns, us, "
            + "ms, s, m, h, d, w), such as 200ms, 5s or 1m30s",
        "9:5: service.pipelines.trace: unknown pipeline type 'trace'; did you mean 'traces'? (a "
            + "pipeline id is traces, metrics or logs, optionally followed by /name)",
        "10:28: service.pipelines.metrics.receivers[0]: receiver 'otlp' is not defined under receivers "
            + "(none are defined)",
        "10:47: service.pipelines.metrics.exporters[0]: exporter 'capture/2' is not defined under "
            + "exporters; did you mean 'capture'? (defined: capture, tracesonly)",
        "11:5: service.pipelines.logs: pipeline 'logs' must have at least one exporter",
        "11:25: service.pipelines.logs.receivers[0]: receiver 'otlp' is not defined under receivers "
            + "(none are defined)",
        "11:45: service.pipelines.logs.processors[0]: processor 'noop' is not defined under processors "
            + "(none are defined)",
        "12:5: service.pipelines.spans/x: unknown pipeline type 'spans' (a pipeline id is traces, "
            + "metrics or logs, optionally followed by /name)",
        "13:30: service.pipelines.metrics/2.receivers[0]: receiver 'otlp' is not defined under "
            + "receivers (none are defined)",
        "13:49: service.pipelines.metrics/2.exporters[0]: exporter 'tracesonly' does not support "
            + "metrics, so it cannot be in pipeline 'metrics/2' (it supports traces)"),
        errors("""
            recievers: {}
            exporters:
              captur: {}
              capture: { capacity: lots }
              tracesonly: x
            service:
              shutdown_timeout: 10
              pipelines:
                trace: { receivers: [a], exporters: [capture] }
                metrics: { receivers: [otlp], exporters: [capture/2] }
                logs: { receivers: [otlp], processors: [noop] }
                spans/x: { receivers: [otlp], exporters: [capture] }
                metrics/2: { receivers: [otlp], exporters: [tracesonly] }
            """));
  }

  @Test
  void aConnectorEndsOnePipelineAndStartsAnother() throws IOException {
    LoadedConfig loaded = loader.load(write("""
        receivers:
          testin:
        exporters:
          capture:
        connectors:
          count:
        service:
          pipelines:
            traces: { receivers: [testin], exporters: [count, capture] }
            metrics: { receivers: [testin, count], exporters: [capture] }
        """));
    assertEquals(List.of(ComponentId.of("count")), List.copyOf(loaded.connectors().keySet()));
    assertEquals(List.of(ComponentId.of("testin")), List.copyOf(loaded.receivers().keySet()));
    assertEquals(List.of(ComponentId.of("capture")), List.copyOf(loaded.exporters().keySet()));
    assertEquals(List.of(ComponentId.of("testin"), ComponentId.of("count")), loaded.pipelines().get(1).receivers());
  }

  @Test
  void aConnectorMustBeUsedOnBothSidesWithSignalsItCanTurnIntoOneAnother() throws IOException {
    assertEquals(List.of(
        "9:33: service.pipelines.logs.receivers[1]: connector 'count' makes metrics from traces, not"
            + " logs, so pipeline 'logs' cannot receive from it",
        "10:49: service.pipelines.metrics.exporters[0]: connector 'count' does not support metrics,"
            + " so it cannot be in pipeline 'metrics' (it supports traces)",
        "11:50: service.pipelines.traces/2.exporters[0]: connector 'count/2' is an exporter of"
            + " pipeline 'traces/2' but no pipeline receives from it; list it under a pipeline's"
            + " receivers too",
        "12:29: service.pipelines.traces/3.receivers[0]: receiver 'cuont' is not defined under"
            + " receivers or connectors; did you mean 'count'? (defined: count, count/2, testin)"),
        errors("""
            receivers: { testin: }
            exporters: { capture: }
            connectors:
              count:
              count/2:
            service:
              pipelines:
                traces: { receivers: [testin], exporters: [count] }
                logs: { receivers: [testin, count], exporters: [capture] }
                metrics: { receivers: [testin], exporters: [count] }
                traces/2: { receivers: [testin], exporters: [count/2] }
                traces/3: { receivers: [cuont], exporters: [capture] }
            """));
  }

  @Test
  void aMissingFileAndBrokenYamlAreErrorsToo() throws IOException {
    ConfigException missing = assertThrows(ConfigException.class, () -> loader.load(dir.resolve("nope.yaml")));
    assertEquals(true, missing.getMessage().contains("cannot read the config file"));
    assertEquals(1, errors("service: [\n").size());
  }

  @Test
  void aConfigWithoutPipelinesSaysWhatToAdd() throws IOException {
    assertEquals(List.of("1:10: service.pipelines: at least one pipeline is required, such as traces: "
        + "{receivers: [otlp], exporters: [debug]}"), errors("service: {}\n"));
  }
}
