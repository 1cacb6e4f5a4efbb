package io.homeostat.core.req;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.Location;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.match.MatchConfig.AttributeMatch;
import io.homeostat.core.match.MatchConfig.MatchType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogLoaderTest {

  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("c.yaml"), yaml);
  }

  private static List<String> problems(Path file) {
    return CatalogLoader.check(file).stream().map(ConfigProblem::toString).toList();
  }

  private static MatchConfig services(String... names) {
    MatchConfig d = MatchConfig.defaults();
    return new MatchConfig(d.matchType(), List.of(names), d.spanNames(), d.spanKinds(),
        d.metricNames(), d.logBodies(), d.logSeverityTexts(), d.logSeverityNumberMin(),
        d.attributes(), d.resources(), d.libraries());
  }

  @Test
  void readsHomeostatsOwnCatalog() throws IOException {
    Path file = write("""
        requirements:
          - id: REQ-F-AUTH-001
            title: User login
            intent: INT-100
            doc: docs/auth.md#login
            design: [ADR-001]
            code: [src/auth/login.py]
            business_rules: [BR-001, BR-002]
            constraints: [C-001]
            owner: team-identity
          - id: REQ-NFR-PERF-001
            title: Login responds within 500 ms at p95
        metrics:
          - name: login_latency_ms
            requirement: REQ-NFR-PERF-001
            type: histogram
            unit: ms
            description: Time to answer a login.
          - name: checkout_total
            requirement: [REQ-F-PAY-002, REQ-F-PAY-003]
            business_rules: [BR-010]
            constraints: [C-010]
        rules:
          - req: REQ-F-AUTH-001
            match: { services: [auth-service] }
          - req: [REQ-F-AUTH-001, REQ-F-SSO-004]
            match:
              match_type: regexp
              attributes: [ { key: code.function, value: "sso_.*" } ]
        global_tags:
          team: identity
        homeostasis:
          targets:
            REQ-NFR-PERF-001: { metric: login_latency_ms, target: 500, operator: lt }
        """);

    Catalog catalog = CatalogLoader.load(file);

    assertEquals(file, catalog.source());
    assertEquals(new Requirement("REQ-F-AUTH-001", "User login", "INT-100", "docs/auth.md#login",
        List.of("ADR-001"), List.of("src/auth/login.py"), List.of("BR-001", "BR-002"),
        List.of("C-001"), "team-identity"), catalog.requirement("REQ-F-AUTH-001"));
    assertEquals(new Requirement("REQ-NFR-PERF-001", "Login responds within 500 ms at p95", null,
        null, null, null, null, null, null), catalog.requirement("REQ-NFR-PERF-001"));
    assertEquals(Requirement.of("REQ-F-PAY-002"), catalog.requirement("REQ-F-PAY-002"));
    assertEquals(Requirement.of("REQ-F-PAY-003"), catalog.requirement("REQ-F-PAY-003"));
    assertEquals(Requirement.of("REQ-F-SSO-004"), catalog.requirement("REQ-F-SSO-004"));
    assertEquals(5, catalog.requirements().size());

    assertEquals(new MetricDefinition("login_latency_ms", List.of("REQ-NFR-PERF-001"), null, null,
        "histogram", "ms", "Time to answer a login."), catalog.metric("login_latency_ms"));
    assertEquals(new MetricDefinition("checkout_total", List.of("REQ-F-PAY-002", "REQ-F-PAY-003"),
        List.of("BR-010"), List.of("C-010"), null, null, null), catalog.metric("checkout_total"));

    MatchConfig d = MatchConfig.defaults();
    MatchConfig sso = new MatchConfig(MatchType.REGEXP, d.services(), d.spanNames(), d.spanKinds(),
        d.metricNames(), d.logBodies(), d.logSeverityTexts(), d.logSeverityNumberMin(),
        List.of(new AttributeMatch("code.function", "sso_.*")), d.resources(), d.libraries());
    assertEquals(List.of(new TagRule(List.of("REQ-F-AUTH-001"), services("auth-service")),
        new TagRule(List.of("REQ-F-AUTH-001", "REQ-F-SSO-004"), sso)), catalog.rules());
    assertEquals(Map.of("team", "identity"), catalog.globalTags());

    MapNode homeostasis = assertInstanceOf(MapNode.class, catalog.homeostasis());
    assertEquals("homeostasis", homeostasis.path());
    assertEquals(new Location(file.toString(), 33, 3), homeostasis.location());
  }

  @Test
  void readsTheTelemetryAndHomeostasisOfATeamsObservabilityFileAndNothingElse() throws IOException {
    Path file = write("""
        version: 2
        ci:
          image: "builder:${{ github.sha }}"
        alerts: { pagerduty: "${PAGERDUTY_KEY_THAT_IS_NOT_SET}" }
        telemetry:
          global_tags:
            service.name: auth-service
            deployment.environment: prod
          metrics:
            - name: login_attempts
              requirement: REQ-F-AUTH-001
              business_rule: BR-001
              constraint: C-001
              type: counter
              unit: "{attempt}"
              description: Login attempts by outcome.
            - name: login_latency_ms
              requirement: [REQ-NFR-PERF-001]
              business_rules: [BR-001, BR-002]
              constraints: [C-002, C-003]
            - name: active_sessions
              type: gauge
        homeostasis:
          targets:
            REQ-F-AUTH-001: { metric: login_success_rate, target: 0.99, operator: gte }
        """);

    assertEquals(List.of(), problems(file));
    Catalog catalog = CatalogLoader.load(file);

    assertEquals(Map.of("REQ-F-AUTH-001", Requirement.of("REQ-F-AUTH-001"),
        "REQ-NFR-PERF-001", Requirement.of("REQ-NFR-PERF-001")), catalog.requirements());
    assertEquals(Map.of(
        "login_attempts", new MetricDefinition("login_attempts", List.of("REQ-F-AUTH-001"),
            List.of("BR-001"), List.of("C-001"), "counter", "{attempt}", "Login attempts by outcome."),
        "login_latency_ms", new MetricDefinition("login_latency_ms", List.of("REQ-NFR-PERF-001"),
            List.of("BR-001", "BR-002"), List.of("C-002", "C-003"), null, null, null),
        "active_sessions", new MetricDefinition("active_sessions", null, null, null, "gauge", null,
            null)), catalog.metrics());
    assertEquals(List.of(), catalog.rules());
    assertEquals(Map.of("service.name", "auth-service", "deployment.environment", "prod"),
        catalog.globalTags());
    assertEquals("homeostasis", catalog.homeostasis().path());
  }

  @Test
  void anEmptyFileIsAnEmptyCatalog() throws IOException {
    Catalog catalog = CatalogLoader.load(write(""));
    assertEquals(Map.of(), catalog.requirements());
    assertEquals(List.of(), catalog.rules());
    assertNull(catalog.homeostasis());
  }

  @Test
  void aHomeostasisKeyWithoutValueIsNoHomeostasisSection() throws IOException {
    assertNull(CatalogLoader.load(write("homeostasis:\n")).homeostasis());
  }

  @Test
  void loadThrowsEveryError() throws IOException {
    Path file = write("""
        requirements:
          - id: REQ-1a
          - id: REQ-2b
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> CatalogLoader.load(file));
    assertEquals(2, e.problems().size());
  }

  static Stream<Arguments> brokenCatalogs() {
    String idFix = ": write REQ- and upper-case letters or digits, in parts joined by '-', such as "
        + "REQ-F-AUTH-001";
    return Stream.of(
        Arguments.of("an unknown top-level key", """
            requirement:
              - id: REQ-A
            """,
            "1:1: requirement: unknown key 'requirement'; did you mean 'requirements'? (valid keys: "
                + "requirements, metrics, rules, global_tags, homeostasis)"),
        Arguments.of("an unknown key in a requirement", """
            requirements:
              - id: REQ-A
                owners: team-a
            """,
            "3:5: requirements[0].owners: unknown key 'owners'; did you mean 'owner'? (valid keys: "
                + "id, title, intent, doc, design, code, business_rules, constraints, owner)"),
        Arguments.of("a requirement without id", """
            requirements:
              - title: User login
            """,
            "2:5: requirements[0].id: is required: the requirement's key, such as REQ-F-AUTH-001"),
        Arguments.of("a requirement id of the wrong form", """
            requirements:
              - id: REQ-auth-1
            """,
            "2:9: requirements[0].id: 'REQ-auth-1' is not a requirement key" + idFix),
        Arguments.of("a requirement described twice", """
            requirements:
              - id: REQ-A
              - id: REQ-B
              - id: REQ-A
            """,
            "4:9: requirements[2].id: duplicate requirement 'REQ-A', first at line 2: merge the two "
                + "entries, or give this one its own key"),
        Arguments.of("an intent of the wrong form", """
            requirements:
              - { id: REQ-A, intent: "100" }
            """,
            "2:26: requirements[0].intent: '100' is not an intent id: write INT- and upper-case "
                + "letters or digits, in parts joined by '-', such as INT-100"),
        Arguments.of("a design decision of the wrong form", """
            requirements:
              - { id: REQ-A, design: [ADR-001, adr-2] }
            """,
            "2:26: requirements[0].design: 'adr-2' is not a design decision id: write ADR- and "
                + "upper-case letters or digits, in parts joined by '-', such as ADR-001"),
        Arguments.of("a design decision that is not a list", """
            requirements:
              - { id: REQ-A, design: ADR-001 }
            """,
            "2:26: requirements[0].design: expected a list, found 'ADR-001'"),
        Arguments.of("a business rule of the wrong form", """
            requirements:
              - { id: REQ-A, business_rules: [BR1] }
            """,
            "2:34: requirements[0].business_rules: 'BR1' is not a business rule id: write BR- and "
                + "upper-case letters or digits, in parts joined by '-', such as BR-001"),
        Arguments.of("a constraint of the wrong form", """
            requirements:
              - { id: REQ-A, constraints: [c-1] }
            """,
            "2:31: requirements[0].constraints: 'c-1' is not a constraint id: write C- and "
                + "upper-case letters or digits, in parts joined by '-', such as C-001"),
        Arguments.of("a metric without name", """
            metrics:
              - requirement: REQ-A
            """,
            "2:5: metrics[0].name: is required: the metric's name as instrumentation reports it, "
                + "such as login_latency_ms"),
        Arguments.of("a metric naming a key of the wrong form", """
            metrics:
              - { name: m, requirement: [REQ-A, REQ_B] }
            """,
            "2:29: metrics[0].requirement: 'REQ_B' is not a requirement key" + idFix),
        Arguments.of("a metric whose requirement is a mapping", """
            metrics:
              - name: m
                requirement: { id: REQ-A }
            """,
            "3:18: metrics[0].requirement: expected a requirement key or a list of them, such as "
                + "REQ-F-AUTH-001 or [REQ-A, REQ-B], found a mapping"),
        Arguments.of("a metric whose requirement list holds a mapping", """
            metrics:
              - name: m
                requirement: [ { id: REQ-A } ]
            """,
            "3:18: metrics[0].requirement: expected a requirement key or a list of them, such as "
                + "REQ-F-AUTH-001 or [REQ-A, REQ-B], found a mapping in the list"),
        Arguments.of("a metric defined twice", """
            metrics:
              - { name: login_attempts, requirement: REQ-A }
              - { name: login_attempts, requirement: REQ-B }
            """,
            "3:13: metrics[1].name: duplicate metric 'login_attempts', first at line 2: merge the "
                + "two entries"),
        Arguments.of("a rule without req", """
            rules:
              - match: { services: [auth] }
            """,
            "2:5: rules[0].req: is required: the requirement key records matching this rule get, "
                + "such as REQ-F-AUTH-001, or a list of keys"),
        Arguments.of("a rule with an empty req list", """
            rules:
              - { req: [], match: { services: [auth] } }
            """,
            "2:12: rules[0].req: is required: the requirement key records matching this rule get, "
                + "such as REQ-F-AUTH-001, or a list of keys"),
        Arguments.of("a rule naming a key of the wrong form", """
            rules:
              - { req: req-a, match: { services: [auth] } }
            """,
            "2:12: rules[0].req: 'req-a' is not a requirement key" + idFix),
        Arguments.of("a rule without match", """
            rules:
              - req: REQ-A
            """,
            "2:5: rules[0].match: is required: which records the rule tags, such as "
                + "{ services: [auth-service] }"),
        Arguments.of("a rule that matches everything", """
            rules:
              - { req: REQ-A, match: {} }
            """,
            "2:26: rules[0].match: matches everything as written: set at least one of services, "
                + "span_names, span_kinds, span_statuses, metric_names, log_bodies, log_severity_texts, "
                + "log_severity_number_min, log_severity_number_max, attributes, resources, libraries"),
        Arguments.of("a global tag that is not a single value", """
            global_tags:
              team: { name: identity }
            """,
            "2:9: global_tags.team: expected a single value, found a mapping"),
        Arguments.of("an unknown key in telemetry", """
            telemetry:
              metric:
                - name: m
            """,
            "2:3: telemetry.metric: unknown key 'metric'; did you mean 'metrics'? (valid keys: "
                + "global_tags, metrics)"),
        Arguments.of("an unknown key in a team's metric", """
            telemetry:
              metrics:
                - { name: m, requirements: [REQ-A] }
            """,
            "3:18: telemetry.metrics[0].requirements: unknown key 'requirements'; did you mean "
                + "'requirement'? (valid keys: name, requirement, business_rule, business_rules, "
                + "constraint, constraints, type, unit, description)"),
        Arguments.of("a team's metric without name", """
            telemetry:
              metrics:
                - { requirement: REQ-A }
            """,
            "3:7: telemetry.metrics[0].name: is required: the metric's name as instrumentation "
                + "reports it, such as login_latency_ms"),
        Arguments.of("a team's metric naming a key of the wrong form", """
            telemetry:
              metrics:
                - { name: m, requirement: AUTH-1 }
            """,
            "3:31: telemetry.metrics[0].requirement: 'AUTH-1' is not a requirement key" + idFix),
        Arguments.of("a team's metric with business_rule and business_rules", """
            telemetry:
              metrics:
                - { name: m, business_rule: BR-1, business_rules: [BR-2] }
            """,
            "3:33: telemetry.metrics[0].business_rule: give business_rule (one id) or "
                + "business_rules (a list), not both"),
        Arguments.of("a team's metric with constraint and constraints", """
            telemetry:
              metrics:
                - { name: m, constraint: C-1, constraints: [C-2] }
            """,
            "3:30: telemetry.metrics[0].constraint: give constraint (one id) or constraints (a "
                + "list), not both"),
        Arguments.of("a team's business rule of the wrong form", """
            telemetry:
              metrics:
                - { name: m, business_rule: rule-1 }
            """,
            "3:33: telemetry.metrics[0].business_rule: 'rule-1' is not a business rule id: write "
                + "BR- and upper-case letters or digits, in parts joined by '-', such as BR-001"),
        Arguments.of("a team's constraint of the wrong form", """
            telemetry:
              metrics:
                - { name: m, constraint: C1 }
            """,
            "3:30: telemetry.metrics[0].constraint: 'C1' is not a constraint id: write C- and "
                + "upper-case letters or digits, in parts joined by '-', such as C-001"),
        Arguments.of("a team's metric defined twice", """
            telemetry:
              metrics:
                - name: m
                - name: m
            """,
            "4:13: telemetry.metrics[1].name: duplicate metric 'm', first at line 3: merge the two "
                + "entries"),
        Arguments.of("a telemetry section that is not a mapping", """
            telemetry: [metrics]
            """,
            "1:12: telemetry: expected a mapping with keys global_tags, metrics, found a list"),
        Arguments.of("an environment reference of the wrong form in telemetry", """
            telemetry:
              global_tags: { commit: "${{ github.sha }}" }
            """,
            "2:26: telemetry.global_tags.commit: unsupported reference '${{ github.sha }': write "
                + "${VAR}, ${env:VAR} or ${env:VAR:-default} with VAR made of letters, digits and "
                + "'_'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenCatalogs")
  void everyProblemIsReportedWithItsPlaceAndItsFix(String what, String yaml, String problem)
      throws IOException {
    Path file = write(yaml);
    assertEquals(List.of(file + ":" + problem),
        problems(file));
  }

  @Test
  void invalidYamlIsReportedWhereTheParserStopped() throws IOException {
    Path file = write("""
        requirements:
          - id: REQ-A
           title: x
        """);
    List<String> problems = problems(file);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith(file + ":3:4: invalid YAML: "), problems.get(0));
  }

  @Test
  void aMissingFileSaysToCheckThePath() {
    Path file = dir.resolve("nowhere.yaml");
    assertEquals(List.of(file + ": no such catalog file: check the path (a relative path starts "
            + "at the directory of the pipeline config)"),
        problems(file));
  }

  @Test
  void aFileThatIsNotTextSaysSo() throws IOException {
    Path file = Files.write(dir.resolve("c.yaml"), new byte[] {'a', ':', ' ', (byte) 0xC3, 0x28});
    assertEquals(List.of(file + ": the catalog is not UTF-8 text: save it as UTF-8 YAML"),
        problems(file));
  }

}
