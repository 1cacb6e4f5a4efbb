package io.homeostat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlConfigReaderTest {

  private final ConfigProblems problems = new ConfigProblems();
  private final YamlConfigReader reader = new YamlConfigReader(
      new EnvExpander(Map.of("HOST", "tempo", "EMPTY", "")::get));

  private MapNode read(String yaml) {
    return reader.read("c.yaml", new StringReader(yaml), problems);
  }

  @Test
  void nodesKnowTheirPathAndLocation() {
    MapNode root = read("""
        service:
          pipelines:
            traces:
              receivers: [otlp, "otlp/2"]
        """);
    ListNode receivers = (ListNode) ((MapNode) ((MapNode) ((MapNode) root.get("service"))
        .get("pipelines")).get("traces")).get("receivers");
    ScalarNode second = (ScalarNode) receivers.items().get(1);
    assertEquals("service.pipelines.traces.receivers[1]", second.path());
    assertEquals(new Location("c.yaml", 4, 25), second.location());
    assertEquals("otlp/2", second.value());
  }

  @Test
  void scalarsAreExpandedFromTheEnvironment() {
    MapNode root = read("""
        a: ${HOST}:4317
        b: ${env:HOST}
        c: ${env:MISSING:-fallback}
        d: price $$5 and $HOME stays
        e: "${EMPTY}"
        f: ~
        """);
    assertEquals("tempo:4317", ((ScalarNode) root.get("a")).value());
    assertEquals("tempo", ((ScalarNode) root.get("b")).value());
    assertEquals("fallback", ((ScalarNode) root.get("c")).value());
    assertEquals("price $5 and $HOME stays", ((ScalarNode) root.get("d")).value());
    assertEquals("", ((ScalarNode) root.get("e")).value());
    assertNull(((ScalarNode) root.get("f")).value());
    assertEquals(List.of(), problems.all());
  }

  @Test
  void scalarsKeepWhatYamlReadThemAs() {
    MapNode root = read("""
        quoted: "42"
        number: 42
        fraction: 1.5
        flag: true
        word: prod
        expanded: ${HOST}
        none: ~
        """);
    assertEquals(List.of(ScalarNode.Type.TEXT, ScalarNode.Type.NUMBER, ScalarNode.Type.NUMBER,
            ScalarNode.Type.BOOLEAN, ScalarNode.Type.TEXT, ScalarNode.Type.TEXT, ScalarNode.Type.NULL),
        root.entries().values().stream().map(node -> ((ScalarNode) node).type()).toList());
    assertEquals("42", ((ScalarNode) root.get("number")).value());
  }

  @Test
  void anUnsetVariableIsAWarningAndABadReferenceAnError() {
    read("a: ${NOPE}\nb: ${file:/etc/passwd}\n");
    assertEquals(List.of("c.yaml:1:4: warning: a: environment variable NOPE is not set; using an "
            + "empty value (set it, or give a default with ${env:NOPE:-default})",
        "c.yaml:2:4: b: unsupported reference '${file:/etc/passwd}': write ${VAR}, ${env:VAR} or "
            + "${env:VAR:-default} with VAR made of letters, digits and '_'"),
        problems.all().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void duplicateKeysAndBrokenYamlAreErrors() {
    read("a: 1\na: 2\n");
    assertEquals("c.yaml:2:1: a: duplicate key: keep one of the two", problems.errors().get(0).toString());

    ConfigProblems broken = new ConfigProblems();
    assertNull(reader.read("b.yaml", new StringReader("a: [1, 2\nb: 3\n"), broken));
    assertEquals(1, broken.errors().size());
    assertEquals(true, broken.errors().get(0).toString().startsWith("b.yaml:"));
  }

  @Test
  void anEmptyFileIsAnEmptyMapping() {
    assertEquals(Map.of(), read("").entries());
    assertEquals(Map.of(), read("# only a comment\n").entries());
  }
}
