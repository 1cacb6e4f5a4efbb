package io.homeostat.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.req.CatalogLoader;
import io.homeostat.server.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code homeostat validate}: every shipped config passes; a broken one names its line. Every
 * shipped catalog loads.
 */
class ValidateCommandTest {

  /** Surefire runs in the module's directory; the examples live at the top of the project. */
  private static final Path CONF = Path.of("..", "conf");

  @TempDir
  Path dir;

  record Result(int status, String out, String err) {}

  private static Result validate(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.execute(new PrintWriter(out), new PrintWriter(err), "validate", "--config", file.toString());
    return new Result(status, out.toString(), err.toString());
  }

  static List<Path> shippedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> yaml = Files.newDirectoryStream(CONF, "*.{yaml,yml}")) {
      yaml.forEach(files::add);
    }
    return files;
  }

  /** Pipeline configs are named homeostat*.yaml or have a service section; the rest are catalogs. */
  private static boolean isPipelineConfig(Path file) {
    if (file.getFileName().toString().startsWith("homeostat")) {
      return true;
    }
    ConfigProblems problems = new ConfigProblems();
    MapNode root = new YamlConfigReader(EnvExpander.system()).read(file, problems);
    return root != null && root.entries().containsKey("service");
  }

  static List<Path> shippedConfigs() throws IOException {
    return shippedFiles().stream().filter(ValidateCommandTest::isPipelineConfig).toList();
  }

  static List<Path> shippedCatalogs() throws IOException {
    return shippedFiles().stream().filter(file -> !isPipelineConfig(file)).toList();
  }

  @Test
  void thereAreShippedConfigsAndCatalogsToCheck() throws IOException {
    assertFalse(shippedConfigs().isEmpty());
    assertFalse(shippedCatalogs().isEmpty());
  }

  @ParameterizedTest
  @MethodSource("shippedConfigs")
  void everyShippedConfigIsValid(Path file) {
    Result result = validate(file);
    assertEquals(0, result.status(), result.err());
    assertEquals("", result.err());
    assertEquals(true, result.out().startsWith(file + " is valid: "), result.out());
  }

  @ParameterizedTest
  @MethodSource("shippedCatalogs")
  void everyShippedCatalogLoads(Path file) {
    assertEquals(List.of(), CatalogLoader.check(file).stream().map(Object::toString).toList());
    assertFalse(CatalogLoader.load(file).requirements().isEmpty());
  }

  static Stream<Arguments> brokenConfigs() {
    String pipelines = """
        service:
          pipelines:
            traces: { receivers: [otlp], exporters: [debug] }
        """;
    return Stream.of(
        Arguments.of("an unknown key", """
            receivers:
              otlp:
                protocols:
                  grpc: { endpoint: "127.0.0.1:0", max_message_size: 4 }
            exporters:
              debug:
            """ + pipelines,
            "c.yaml:4:40: receivers.otlp.protocols.grpc.max_message_size: unknown key 'max_message_size'"
                + " (valid keys: endpoint, max_recv_msg_size_mib, max_concurrent_streams)"),
        Arguments.of("a misspelt component id", """
            receivers:
              otlp: { protocols: { http: { endpoint: "127.0.0.1:0" } } }
            exporters:
              debug:
            service:
              pipelines:
                traces: { receivers: [otlp], exporters: [debgu] }
            """,
            "c.yaml:7:46: service.pipelines.traces.exporters[0]: exporter 'debgu' is not defined under"
                + " exporters; did you mean 'debug'? (defined: debug)"),
        Arguments.of("a bad duration", """
            receivers:
              otlp: { protocols: { http: { endpoint: "127.0.0.1:0" } } }
            exporters:
              debug:
            service:
              shutdown_timeout: ten seconds
              pipelines:
                traces: { receivers: [otlp], exporters: [debug] }
            """,
            "c.yaml:6:21: service.shutdown_timeout: invalid duration 'ten seconds': write a number with"
                + " a unit (ns, us, ms, s, m, h, d, w), such as 200ms, 5s or 1m30s"),
        Arguments.of("an unknown component type", """
            receivers:
              otlp: { protocols: { http: { endpoint: "127.0.0.1:0" } } }
            exporters:
              debug:
              fiel: { path: out.jsonl }
            """ + pipelines,
            "c.yaml:5:3: exporters.fiel: unknown exporter type 'fiel'; did you mean 'file'?"
                + " (known types: debug, file, loki, nop, otlp, otlphttp, prometheus,"
                + " prometheusremotewrite)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenConfigs")
  void aBrokenConfigExitsOneNamingTheLine(String what, String yaml, String problem) throws IOException {
    Path file = Files.writeString(dir.resolve("c.yaml"), yaml);
    Result result = validate(file);
    assertEquals(1, result.status());
    assertEquals(file.getParent() + "/" + problem + "\n1 error in " + file + "\n", result.err());
  }
}
