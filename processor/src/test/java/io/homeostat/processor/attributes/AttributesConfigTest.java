package io.homeostat.processor.attributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.support.ProcessorHarness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class AttributesConfigTest {

  private static List<String> problems(String action) {
    return ProcessorHarness.problems(new AttributesProcessorFactory(),
        "processor:\n  actions:\n    - " + action + "\n");
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("{key: a, value: b}",
            "p.yaml:3:7: processor.actions[0].action: is required: use insert, update, upsert, delete, hash, extract or convert"),
        Arguments.of("{key: a, action: rename}",
            "p.yaml:3:24: processor.actions[0].action: unknown action 'rename': use insert, update, upsert, delete, hash, extract or convert"),
        Arguments.of("{action: insert, value: b}",
            "p.yaml:3:7: processor.actions[0].key: is required for action 'insert': the attribute to set"),
        Arguments.of("{key: a, action: upsert}",
            "p.yaml:3:7: processor.actions[0]: set value or from_attribute for action 'upsert': where the attribute's value comes from"),
        Arguments.of("{key: a, action: insert, value: b, from_attribute: c}",
            "p.yaml:3:58: processor.actions[0].from_attribute: cannot be used together with value: keep one of the two"),
        Arguments.of("{key: a, action: update, value: b, pattern: x}",
            "p.yaml:3:51: processor.actions[0].pattern: is not used by action 'update': remove it"),
        Arguments.of("{key: a, action: insert, value: [1, 2]}",
            "p.yaml:3:39: processor.actions[0].value: expected text, a number or a boolean, found a list"),
        Arguments.of("{key: a, action: insert, value: 0x1F}",
            "p.yaml:3:39: processor.actions[0].value: cannot read '0x1F' as a number: write it in decimal, or quote it to keep it as text"),
        Arguments.of("{action: delete}",
            "p.yaml:3:7: processor.actions[0]: set key, pattern or both for action 'delete': the attribute, or a regular expression found in the names of the attributes to delete"),
        Arguments.of("{action: hash, pattern: \"(\"}",
            "p.yaml:3:31: processor.actions[0].pattern: invalid regular expression '(': Unclosed group"),
        Arguments.of("{key: a, action: hash, value: b}",
            "p.yaml:3:37: processor.actions[0].value: is not used by action 'hash': remove it"),
        Arguments.of("{key: a, action: delete, converted_type: int}",
            "p.yaml:3:48: processor.actions[0].converted_type: is not used by action 'delete': remove it"),
        Arguments.of("{key: a, action: extract}",
            "p.yaml:3:7: processor.actions[0].pattern: is required for action 'extract': a regular expression whose named groups become attributes, such as ^(?<url_scheme>\\w+)://(?<url_host>[^/]+)"),
        Arguments.of("{key: a, action: extract, pattern: \"^(\\\\w+)$\"}",
            "p.yaml:3:42: processor.actions[0].pattern: '^(\\w+)$' has no named group: name each group, as in (?<http_host>[^/]+), after the attribute its match goes to"),
        Arguments.of("{key: a, action: extract, pattern: \"^(?P<scheme>\\\\w+)://([^/]+)\"}",
            "p.yaml:3:42: processor.actions[0].pattern: '^(?P<scheme>\\w+)://([^/]+)' has a group without a name: name it, as in (?<http_host>...), or make it non-capturing with (?:...)"),
        Arguments.of("{key: a, action: extract, pattern: \"(?<a b>x)\"}",
            "p.yaml:3:42: processor.actions[0].pattern: invalid regular expression '(?<a b>x)': group name 'a b' is not an attribute name: use letters, digits, '_', '.' and '-'"),
        Arguments.of("{key: a, action: extract, pattern: \"(?<a>x\"}",
            "p.yaml:3:42: processor.actions[0].pattern: invalid regular expression '(?<a>x': Unclosed group"),
        Arguments.of("{key: a, action: extract, pattern: \"(?<a>x)\", from_attribute: b}",
            "p.yaml:3:69: processor.actions[0].from_attribute: is not used by action 'extract': remove it"),
        Arguments.of("{key: a, action: convert}",
            "p.yaml:3:7: processor.actions[0].converted_type: is required for action 'convert': use int, double or string"),
        Arguments.of("{key: a, action: convert, converted_type: float}",
            "p.yaml:3:49: processor.actions[0].converted_type: unknown type 'float': use int, double or string"),
        Arguments.of("{key: a, action: convert, converted_type: int, pattern: x}",
            "p.yaml:3:63: processor.actions[0].pattern: is not used by action 'convert': remove it"),
        Arguments.of("{key: a, action: UPSERT, value: b, converted_type: INT}",
            "p.yaml:3:58: processor.actions[0].converted_type: is not used by action 'upsert': remove it"),
        Arguments.of("{key: a, action: insert, value: b, unknown: c}",
            "p.yaml:3:42: processor.actions[0].unknown: unknown key 'unknown' (valid keys: key, action, value, from_attribute, pattern, converted_type)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsReportedWhereItWasWritten(String action, String problem) {
    assertEquals(List.of(problem), problems(action));
  }

  @Test
  void actionsAreRequired() {
    assertEquals(List.of("p.yaml:2:3: processor.actions: is required: list what to do, such as"
            + " [{key: deployment.environment, action: insert, value: production}]"),
        ProcessorHarness.problems(new AttributesProcessorFactory(), "processor:\n  include: {services: [a]}\n"));
  }

  @Test
  void includeAndExcludeMayOnlyUseKeysThatSaySomethingAboutThePipelinesRecords() {
    String yaml = """
        processor:
          actions: [{key: a, action: delete}]
          include: {services: [auth], span_names: [login]}
          exclude: {log_severity_number_max: 8}
        """;
    ProcessorHarness.create(new AttributesProcessorFactory(), Signal.LOGS, yaml.replace("span_names: [login]", "log_bodies: [x]"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProcessorHarness.create(new AttributesProcessorFactory(), Signal.METRICS, yaml));
    assertEquals("attributes/test is in a metrics pipeline, but include.span_names, exclude.log_severity_number_max"
        + " say nothing about metric points and would match every one: remove them, or give the metrics pipeline"
        + " an attributes processor of its own", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ProcessorHarness.create(new AttributesProcessorFactory(), Signal.LOGS, yaml));
    assertEquals("attributes/test is in a logs pipeline, but include.span_names says nothing about log records"
        + " and would match every one: remove it, or give the logs pipeline an attributes processor of its own",
        e.getMessage());
  }
}
