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
    assertEquals(null, config.catalog());
    assertEquals(Duration.ofSeconds(10), config.reloadInterval());
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
        catalog: observability.yml
        reload_interval: 1m
        key: requirement.key
        aliases: [req]
        pattern: '^REQ-[A-Z]+-[0-9]+$'
        on_missing: reject
        untagged_value: NONE
        rules:
          - req: REQ-AUTH-1
            match: { services: [auth-service], span_names: ["POST /login"] }
          - req: [REQ-AUTH-2, REQ-SEC-3]
            match: { match_type: regexp, attributes: [{ key: code.function, value: "Auth\\\\..*" }] }
        baggage: { enabled: false, attributes: [bag] }
        trace_inheritance: { enabled: false, wait: 500ms, max_held_spans: 10, max_cached_spans: 20, cache_ttl: 5m }
        enrich: [title, business_rules]
        """);
    assertEquals("observability.yml", config.catalog());
    assertEquals(Duration.ofMinutes(1), config.reloadInterval());
    assertEquals("requirement.key", config.key());
    assertEquals(List.of("req"), config.aliases());
    assertEquals("^REQ-[A-Z]+-[0-9]+$", config.pattern().pattern());
    assertEquals(OnMissing.REJECT, config.onMissing());
    assertEquals("NONE", config.untaggedValue());
    assertEquals(List.of(List.of("REQ-AUTH-1"), List.of("REQ-AUTH-2", "REQ-SEC-3")),
        config.tagRules().stream().map(TagRule::requirements).toList());
    assertEquals(List.of("auth-service"), config.tagRules().get(0).match().services());
    assertEquals("Auth\\..*", config.tagRules().get(1).match().attributes().get(0).value());
    assertEquals(new RequirementsConfig.Baggage(false, List.of("bag")), config.baggage());
    assertEquals(new RequirementsConfig.TraceInheritance(false, Duration.ofMillis(500), 10, 20,
        Duration.ofMinutes(5)), config.traceInheritance());
    assertEquals(List.of(Enrichment.TITLE, Enrichment.BUSINESS_RULES), config.enrich());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      catalog: ' '              | homeostat.yaml:3:14: processors.requirements.catalog: must name a file when written: a requirements.yaml or a team's observability.yml, relative to this config file
      reload_interval: -1s      | homeostat.yaml:3:22: processors.requirements.reload_interval: must not be negative, was -1s: how often the catalog file is checked for changes, such as 10s (0s never)
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
      wait: 2s                  | homeostat.yaml:3:5: processors.requirements.wait: unknown key 'wait' (valid keys: catalog, reload_interval, key, aliases, pattern, on_missing, untagged_value, rules, baggage, trace_inheritance, enrich)
      """)
  void aBadValueIsReportedWithItsPathAndWhatToWrite(String yaml, String expected) {
    assertEquals(List.of(expected), problems(yaml));
  }

  @Test
  void aRuleKeyMustBeARequirementKeyThatMatchesThePattern() {
    assertEquals(List.of(
        "homeostat.yaml:5:7: processors.requirements.rules: rule 2: 'REQ-B' does not match pattern"
            + " ^REQ-[A-Z]+-[0-9]+$: write a key the pattern accepts, or change pattern",
        "homeostat.yaml:6:16: processors.requirements.rules[1].req: 'REQ-auth-1' is not a requirement"
            + " key: write REQ- and upper-case letters or digits, in parts joined by '-', such as"
            + " REQ-F-AUTH-001"),
        problems("""
        pattern: '^REQ-[A-Z]+-[0-9]+$'
        rules:
          - { req: REQ-AUTH-1, match: { services: [auth] } }
          - { req: [REQ-B, REQ-auth-1], match: { services: [auth] } }
        """));
  }

  @Test
  void aRuleThatSetsPropertiesOfTwoSignalsIsRefused() {
    assertEquals(List.of("homeostat.yaml:4:7: processors.requirements.rules: rule 1 sets properties"
        + " of different signals (metric_names, log_severity_number_min, span_names) and so applies"
        + " to none: write one rule per signal"), problems("""
        rules:
          - req: REQ-A
            match: { span_names: [a], metric_names: [b], log_severity_number_min: 17 }
        """));
  }

  @Test
  void aRuleNeedsKeysAndAMatch() {
    assertEquals(List.of(
        "homeostat.yaml:4:9: processors.requirements.rules[0].req: is required: the requirement key"
            + " records matching this rule get, such as REQ-F-AUTH-001, or a list of keys",
        "homeostat.yaml:4:9: processors.requirements.rules[0].match: is required: which records the"
            + " rule tags, such as { services: [auth-service] }",
        "homeostat.yaml:5:16: processors.requirements.rules[1].req: is required: the requirement key"
            + " records matching this rule get, such as REQ-F-AUTH-001, or a list of keys",
        "homeostat.yaml:6:16: processors.requirements.rules[2].req: expected a requirement key or a"
            + " list of them, such as REQ-F-AUTH-001 or [REQ-A, REQ-B], found a mapping",
        "homeostat.yaml:6:38: processors.requirements.rules[2].match: matches everything as written:"
            + " set at least one of services, span_names, span_kinds, span_statuses, metric_names,"
            + " log_bodies, log_severity_texts, log_severity_number_min, log_severity_number_max,"
            + " attributes, resources, libraries",
        "homeostat.yaml:7:16: processors.requirements.rules[3].req: 'REQ-A, REQ-B' is not a"
            + " requirement key: write REQ- and upper-case letters or digits, in parts joined by '-',"
            + " such as REQ-F-AUTH-001"), problems("""
        rules:
          - {}
          - { req: [], match: { services: [a] } }
          - { req: { id: REQ-A }, match: {} }
          - { req: "REQ-A, REQ-B", match: { services: [a] } }
        """));
  }

  private static List<String> problems(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    Harness.bind(yaml, problems);
    return problems.all().stream().map(ConfigProblem::toString).toList();
  }
}
