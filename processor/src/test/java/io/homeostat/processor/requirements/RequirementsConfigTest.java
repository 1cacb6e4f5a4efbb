package io.homeostat.processor.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.req.ReqKeys;
import io.homeostat.core.req.TagRule;
import io.homeostat.processor.requirements.RequirementsConfig.Enrichment;
import io.homeostat.processor.requirements.RequirementsConfig.OnMissing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementsConfigTest {

  @Test
  void anEmptySectionTakesTheDefaults() {
    RequirementsConfig config = Harness.config("");
    assertEquals(ReqKeys.KEY, config.key());
    assertEquals(List.of("requirement", "req.id", "req_id"), config.aliases());
    assertEquals(ReqKeys.DEFAULT_PATTERN.pattern(), config.pattern().pattern());
    assertEquals(OnMissing.TAG, config.onMissing());
    assertEquals("REQ-UNTAGGED", config.untaggedValue());
    assertEquals(List.of(), config.rules());
    assertEquals(new RequirementsConfig.Baggage(true, List.of("baggage", "http.request.header.baggage")),
        config.baggage());
    assertEquals(new RequirementsConfig.TraceInheritance(true, Duration.ofSeconds(2), 100_000,
        200_000, Duration.ofMinutes(1)), config.traceInheritance());
    assertEquals(List.of(Enrichment.values()), config.enrich());
  }

  @Test
  void everyKeyBindsAsWritten() {
    RequirementsConfig config = Harness.config("""
        key: requirement.key
        aliases: [req]
        pattern: '^R-[0-9]+$'
        on_missing: reject
        untagged_value: R-0
        rules:
          - req: R-1
            match: { services: [auth-service], span_names: ["POST /login"] }
          - req: "R-2, R-3"
            match: { metric_names: [login_attempts] }
          - req: [R-4, R-5]
            match: { match_type: regexp, attributes: [{ key: code.function, value: "Auth\\\\..*" }] }
        baggage: { enabled: false, attributes: [bag] }
        trace_inheritance: { enabled: false, wait: 500ms, max_held_spans: 10, max_cached_spans: 20, cache_ttl: 5m }
        enrich: [title, business_rules]
        """);
    assertEquals("requirement.key", config.key());
    assertEquals(List.of("req"), config.aliases());
    assertEquals("^R-[0-9]+$", config.pattern().pattern());
    assertEquals(OnMissing.REJECT, config.onMissing());
    assertEquals("R-0", config.untaggedValue());
    assertEquals(List.of(List.of("R-1"), List.of("R-2", "R-3"), List.of("R-4", "R-5")),
        config.rules().stream().map(RequirementsConfig.Rule::toTagRule).map(TagRule::requirements).toList());
    assertEquals(List.of("auth-service"), config.rules().get(0).match().services());
    assertEquals(new RequirementsConfig.Baggage(false, List.of("bag")), config.baggage());
    assertEquals(new RequirementsConfig.TraceInheritance(false, Duration.ofMillis(500), 10, 20,
        Duration.ofMinutes(5)), config.traceInheritance());
    assertEquals(List.of(Enrichment.TITLE, Enrichment.BUSINESS_RULES), config.enrich());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      key: ''                   | homeostat.yaml:3:10: processors.requirements.key: must not be empty: the attribute requirement keys are kept in, such as req
      aliases: [requirement, req] | homeostat.yaml:3:14: processors.requirements.aliases: 'req' is the key itself: list only other names, such as requirement, req.id, req_id
      untagged_value: ' '       | homeostat.yaml:3:21: processors.requirements.untagged_value: must not be empty: the key given to records without one, such as REQ-UNTAGGED
      on_missing: maybe         | homeostat.yaml:3:17: processors.requirements.on_missing: expected one of tag, pass, drop, reject, found 'maybe'
      enrich: [owner]           | homeostat.yaml:3:14: processors.requirements.enrich[0]: expected one of title, intent, business_rules, constraints, found 'owner'
      pattern: '[REQ'           | homeostat.yaml:3:14: processors.requirements.pattern: invalid regular expression '[REQ': Unclosed character class near index 3
      baggage: { attributes: [] } | homeostat.yaml:3:28: processors.requirements.baggage.attributes: must name at least one attribute when baggage is enabled, such as [baggage, http.request.header.baggage]
      trace_inheritance: { wait: -1s } | homeostat.yaml:3:32: processors.requirements.trace_inheritance.wait: must not be negative, was -1s: how long records wait for their parent span, such as 2s (0 holds nothing)
      trace_inheritance: { max_held_spans: 0 } | homeostat.yaml:3:42: processors.requirements.trace_inheritance.max_held_spans: must be at least 1, was 0: how many records may wait for their parent at once, such as 100000
      trace_inheritance: { max_cached_spans: 0 } | homeostat.yaml:3:44: processors.requirements.trace_inheritance.max_cached_spans: must be between 1 and 10000000, was 0: how many spans' keys are remembered for their children, such as 200000
      trace_inheritance: { cache_ttl: 0s } | homeostat.yaml:3:37: processors.requirements.trace_inheritance.cache_ttl: must be positive, was 0s: how long a span's keys are remembered for its children, such as 1m
      wait: 2s                  | homeostat.yaml:3:5: processors.requirements.wait: unknown key 'wait' (valid keys: key, aliases, pattern, on_missing, untagged_value, rules, baggage, trace_inheritance, enrich)
      """)
  void aBadValueIsReportedWithItsPathAndWhatToWrite(String yaml, String expected) {
    assertEquals(List.of(expected), problems(yaml));
  }

  @Test
  void aRuleKeyMustMatchThePattern() {
    assertEquals(List.of("homeostat.yaml:4:7: processors.requirements.rules: rule 2: 'REQ-auth-1' does"
        + " not match pattern ^REQ-[A-Z0-9]+(-[A-Z0-9]+)*$: write a key such as REQ-F-AUTH-001, or"
        + " change pattern"), problems("""
        rules:
          - { req: REQ-F-AUTH-001, match: { services: [auth] } }
          - { req: [REQ-B, REQ-auth-1], match: { services: [auth] } }
        """));
  }

  @Test
  void aRuleNeedsKeysAndAMatch() {
    assertEquals(List.of(
        "homeostat.yaml:4:9: processors.requirements.rules[0].req: expected a requirement key such as"
            + " REQ-F-AUTH-001, or a list of keys",
        "homeostat.yaml:4:9: processors.requirements.rules[0].match: is required: which records the"
            + " rule applies to, such as { services: [auth-service], span_names: [\"POST /login\"] }",
        "homeostat.yaml:5:16: processors.requirements.rules[1].req: is required: the requirement key"
            + " (or a list of keys) that matching records get, such as REQ-F-AUTH-001",
        "homeostat.yaml:6:16: processors.requirements.rules[2].req: expected a requirement key such as"
            + " REQ-F-AUTH-001, or a list of keys, found a mapping",
        "homeostat.yaml:6:38: processors.requirements.rules[2].match: matches everything as written: set"
            + " at least one of services, span_names, span_kinds, metric_names, log_bodies,"
            + " log_severity_texts, log_severity_number_min, attributes, resources, libraries"),
        problems("""
        rules:
          - {}
          - { req: [], match: { services: [a] } }
          - { req: { id: REQ-A }, match: {} }
        """));
  }

  private static List<String> problems(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    Harness.bind(yaml, problems);
    return problems.all().stream().map(ConfigProblem::toString).toList();
  }
}
