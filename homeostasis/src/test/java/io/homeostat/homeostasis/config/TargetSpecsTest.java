package io.homeostat.homeostasis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.Location;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.target.LogSeverity;
import io.homeostat.homeostasis.target.Selector;
import io.homeostat.homeostasis.target.Slo;
import io.homeostat.homeostasis.target.Source;
import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.testing.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetSpecsTest {

  /** The repository's example catalogs, each loaded by this test. */
  static final Path CONF = Path.of("..", "conf");

  @TempDir
  Path dir;

  @Test
  void theSeedFormatIsTakenAsDesignWritesIt() {
    List<TargetSpec> specs = Yaml.targets("""
        targets:
          REQ-NFR-PERF-001: { metric: login_latency_ms, target: 500, operator: lt, alert_threshold: 0.95 }
          REQ-F-AUTH-001:   { metric: login_success_rate, target: 0.99, operator: gte, alert_threshold: 0.98 }
        """);
    assertEquals(2, specs.size());
    TargetSpec latency = specs.get(0);
    assertEquals(new TargetKey("REQ-NFR-PERF-001", "login_latency_ms"), latency.key());
    assertEquals(new Source.Metric("login_latency_ms"), latency.source());
    assertEquals(500, latency.target());
    assertEquals(Operator.LT, latency.operator());
    assertEquals(0.95, latency.alertThreshold());
    assertEquals(Duration.ofMinutes(5), latency.window());
    assertEquals(Duration.ofMinutes(1), latency.holdFor());
    assertEquals(10, latency.minSamples());
    assertEquals(Duration.ofSeconds(30), latency.lateness());
    assertEquals(1000, latency.maxSeries());
    assertTrue(latency.requirementOnly());
    assertNull(latency.severity());
    assertNull(latency.notifyNoData());
    assertNull(latency.match());
    assertNull(latency.slo());
    assertEquals(new Location("h.yaml", 2, 21), latency.location());
    assertEquals(new TargetKey("REQ-F-AUTH-001", "login_success_rate"), specs.get(1).key());
    assertEquals(Operator.GTE, specs.get(1).operator());
  }

  @Test
  void theRicherFormReadsEverySourceAndOption() {
    List<TargetSpec> specs = Yaml.targets("""
        targets:
          REQ-F-AUTH-001:
            - span: auth.login
              target: 300
              operator: lte
              alert_threshold: 0.99
              window: 10m
              for: 2m
              severity: critical
              description: Logins answer within 300 ms
              notify_no_data: 10m
              min_samples: 50
              match: { services: [auth-service] }
            - { error_rate: true, target: 0.01, operator: lt, requirement_only: false }
            - { name: login_errors, error_rate: { span: auth.login }, target: 0.01, operator: lt }
            - { logs: {}, target: 1, operator: lt }
            - { logs: { severity_min: warn2 }, target: 10, operator: lt }
            - name: login_success_rate
              ratio:
                good: { metric: login_attempts, attributes: { status: success } }
                total: { metric: login_attempts }
              target: 0.99
              operator: gte
              alert_threshold: 0.98
            - name: login_availability
              ratio: { good: { span: auth.login, status: ok }, total: { span: auth.login } }
              objective: 99.9
              period: 30d
        """);
    TargetSpec span = specs.get(0);
    assertEquals(new Source.Span("auth.login"), span.source());
    assertEquals(Duration.ofMinutes(10), span.window());
    assertEquals(Duration.ofMinutes(2), span.holdFor());
    assertEquals("critical", span.severity());
    assertEquals("Logins answer within 300 ms", span.description());
    assertEquals(Duration.ofMinutes(10), span.notifyNoData());
    assertEquals(50, span.minSamples());
    assertEquals(List.of("auth-service"), span.match().services());
    assertEquals("auth.login", span.measure());

    assertEquals(new Source.ErrorRate(null), specs.get(1).source());
    assertEquals("error_rate", specs.get(1).name());
    assertEquals(false, specs.get(1).requirementOnly());
    assertEquals(new Source.ErrorRate("auth.login"), specs.get(2).source());
    assertEquals("login_errors", specs.get(2).name());
    assertEquals(new Source.Logs(new LogSeverity(17, "ERROR")), specs.get(3).source());
    assertEquals("error_logs", specs.get(3).name());
    assertEquals(new Source.Logs(new LogSeverity(14, "WARN2")), specs.get(4).source());
    assertEquals("warn2_logs", specs.get(4).name());

    Source.Ratio ratio = (Source.Ratio) specs.get(5).source();
    assertEquals(new Selector(Signal.METRICS, "login_attempts", Map.of("status", "success"), Selector.SpanStatus.ANY),
        ratio.good());
    assertEquals(new Selector(Signal.METRICS, "login_attempts", Map.of(), Selector.SpanStatus.ANY), ratio.total());

    TargetSpec slo = specs.get(6);
    assertEquals(new Slo(99.9, Duration.ofDays(30)), slo.slo());
    assertEquals(0.001, slo.slo().errorBudget(), 1e-12);
    assertTrue(Double.isNaN(slo.target()));
    assertNull(slo.operator());
    assertEquals(Selector.SpanStatus.OK, ((Source.Ratio) slo.source()).good().status());
  }

  private static HomeostasisConfig bind(String yaml, ConfigProblems problems) {
    return new ConfigBinder(problems).bind(Yaml.read(yaml, problems).get("homeostasis"),
        HomeostasisConfig.class, null);
  }

  private ComponentSettings settings(Path configDir) {
    return new ComponentSettings(ComponentId.parse("homeostasis"), new MetricRegistry(), configDir);
  }

  @Test
  void theSectionsDefaultsApplyToEveryTargetThatSaysNothing() {
    ConfigProblems problems = new ConfigProblems();
    HomeostasisConfig config = bind("""
        homeostasis:
          defaults: { window: 10m, for: 2m, min_samples: 5, lateness: 1m, max_series: 50 }
          targets:
            REQ-F-AUTH-001: { metric: queue_depth, target: 100, operator: lt, window: 1m }
        """, problems);
    List<TargetSpec> specs = TargetSpecs.load(config, settings(dir), problems);
    assertEquals(List.of(), problems.all());
    assertEquals(Duration.ofSeconds(5), config.evaluationInterval());
    TargetSpec spec = specs.get(0);
    assertEquals(Duration.ofMinutes(1), spec.window());
    assertEquals(Duration.ofMinutes(2), spec.holdFor());
    assertEquals(5, spec.minSamples());
    assertEquals(Duration.ofMinutes(1), spec.lateness());
    assertEquals(50, spec.maxSeries());
  }

  @Test
  void theExampleCatalogsGiveTheSeedTargets() {
    for (String file : List.of("requirements.yaml", "observability.yml")) {
      ConfigProblems problems = new ConfigProblems();
      HomeostasisConfig config = bind("homeostasis:\n  catalogs: [" + file + "]\n", problems);
      List<TargetSpec> specs = TargetSpecs.load(config, settings(CONF), problems);
      assertEquals(List.of(), problems.all(), file);
      assertEquals(List.of(new TargetKey("REQ-NFR-PERF-001", "login_latency_ms"),
          new TargetKey("REQ-F-AUTH-001", "login_success_rate")), specs.stream().map(TargetSpec::key).toList());
      assertTrue(specs.get(0).location().file().endsWith(file));
    }
  }

  @Test
  void aTargetWrittenInTwoSourcesIsADuplicate() {
    ConfigProblems problems = new ConfigProblems();
    HomeostasisConfig config = bind("""
        homeostasis:
          targets:
            REQ-F-AUTH-001: { metric: login_success_rate, target: 0.99, operator: gte }
          catalogs: [requirements.yaml]
        """, problems);
    List<TargetSpec> specs = TargetSpecs.load(config, settings(CONF), problems);
    assertEquals(2, specs.size());
    List<ConfigProblem> errors = problems.errors();
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).location().file().endsWith("requirements.yaml"));
    assertEquals("homeostasis.targets.REQ-F-AUTH-001", errors.get(0).path());
    assertEquals("duplicate target 'login_success_rate' of REQ-F-AUTH-001, first at h.yaml:3:21: give one "
        + "of them a name of its own (name: ...)", errors.get(0).message());
  }

  @Test
  void aCatalogSectionHoldsTargetsOnly() throws Exception {
    Files.writeString(dir.resolve("team.yaml"), """
        requirements:
          - id: REQ-F-AUTH-001
        homeostasis:
          evaluation_interval: 10s
          targets:
            REQ-F-AUTH-001: { metric: a, target: 1, operator: lt }
        """);
    ConfigProblems problems = new ConfigProblems();
    List<TargetSpec> specs = TargetSpecs.load(bind("homeostasis:\n  catalogs: [team.yaml]\n", problems),
        settings(dir), problems);
    assertEquals(1, specs.size());
    assertEquals(List.of(dir.resolve("team.yaml").toAbsolutePath() + ":4:3: homeostasis.evaluation_interval: "
        + "unknown key 'evaluation_interval' (valid keys: targets)"),
        problems.all().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void aMissingCatalogIsReportedWithItsPath() {
    ConfigProblems problems = new ConfigProblems();
    TargetSpecs.load(bind("homeostasis:\n  catalogs: [nowhere.yaml]\n", problems), settings(dir), problems);
    assertEquals(List.of(dir.resolve("nowhere.yaml").toAbsolutePath() + ": no such catalog file: check the path "
        + "(a relative path starts at the directory of the pipeline config)"),
        problems.all().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void theSectionsOwnMistakesAreReportedWhereTheyWereWritten() {
    ConfigProblems problems = new ConfigProblems();
    bind("""
        homeostasis:
          evaluation_interval: 0s
          defaults: { window: -5m, min_samples: -1, max_series: 0, lateness: -1s }
          catalogs: ['']
          reload_interval: -1s
        """, problems);
    assertEquals(List.of(
        "h.yaml:2:24: homeostasis.evaluation_interval: is 0s: use a duration longer than zero, such as 5m",
        "h.yaml:3:23: homeostasis.defaults.window: is -5m: use a duration longer than zero, such as 5m",
        "h.yaml:3:41: homeostasis.defaults.min_samples: is -1: use 0 (any number gives a verdict) or more",
        "h.yaml:3:57: homeostasis.defaults.max_series: is 0: use 1 to 100000",
        "h.yaml:3:70: homeostasis.defaults.lateness: is -1s: use 0s or longer",
        "h.yaml:4:13: homeostasis.catalogs: holds an empty path: name a catalog file, such as requirements.yaml",
        "h.yaml:5:20: homeostasis.reload_interval: must not be negative, was -1s: how often the catalogs are"
            + " checked for changes, such as 10s, or 0s for never"),
        problems.all().stream().map(ConfigProblem::toString).toList());
  }
}
