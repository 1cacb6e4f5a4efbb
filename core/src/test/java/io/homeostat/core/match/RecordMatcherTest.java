package io.homeostat.core.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMatcherTest {

  private static final Resource AUTH = Resource.newBuilder().addAttributes(attr("service.name", "auth-service"))
      .addAttributes(attr("deployment.environment", "prod")).build();
  private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder().setName("io.auth").build();
  private static final Span LOGIN = Span.newBuilder().setName("POST /login").setKind(Span.SpanKind.SPAN_KIND_SERVER)
      .addAttributes(attr("code.filepath", "/app/src/auth/login.py")).addAttributes(attr("code.function", "login")).build();

  private static KeyValue attr(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(KeyValues.string(value)).build();
  }

  private final ConfigProblems problems = new ConfigProblems();

  private MatchConfig bind(String yaml) {
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(k -> null))
        .read("m.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get("match"), MatchConfig.class, MatchConfig.defaults());
  }

  private RecordMatcher matcher(String yaml) {
    MatchConfig config = bind(yaml);
    assertEquals(List.of(), problems.all());
    return RecordMatcher.compile(config);
  }

  @Test
  void everySetPropertyMustMatchAndAnyEntryOfAList() {
    assertTrue(matcher("match: { services: [billing, auth-service], span_kinds: [server] }").matches(AUTH, SCOPE, LOGIN));
    assertFalse(matcher("match: { services: [auth-service], span_kinds: [client] }").matches(AUTH, SCOPE, LOGIN));
    assertFalse(matcher("match: { span_names: [\"POST /logout\"] }").matches(AUTH, SCOPE, LOGIN));
    assertTrue(matcher("match: { libraries: [io.auth], resources: [{key: deployment.environment, value: prod}] }")
        .matches(AUTH, SCOPE, LOGIN));
  }

  @Test
  void regexpMatchesTheWholeValueAndAKeyWithoutValueMatchesPresence() {
    RecordMatcher code = matcher("""
        match:
          match_type: regexp
          attributes:
            - { key: code.filepath, value: ".*/src/auth/login\\\\.py" }
            - { key: code.function }
        """);
    assertTrue(code.matches(AUTH, SCOPE, LOGIN));
    assertFalse(matcher("match: { match_type: regexp, span_names: [POST] }").matches(AUTH, SCOPE, LOGIN));
    assertTrue(matcher("match: { match_type: regexp, span_names: [\"POST .*\"] }").matches(AUTH, SCOPE, LOGIN));
  }

  @Test
  void logsAndMetricsMatchOnTheirOwnProperties() {
    LogRecord error = LogRecord.newBuilder().setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
        .setSeverityText("ERROR").setBody(KeyValues.string("payment declined")).build();
    assertTrue(matcher("match: { log_severity_number_min: 17 }").matches(AUTH, SCOPE, error));
    assertFalse(matcher("match: { log_severity_number_min: 21 }").matches(AUTH, SCOPE, error));
    assertTrue(matcher("match: { match_type: regexp, log_bodies: [\"payment.*\"] }").matches(AUTH, SCOPE, error));

    Metric latency = Metric.newBuilder().setName("login_latency_ms").build();
    RecordMatcher byName = matcher("match: { match_type: regexp, metric_names: [\"login_.*\"], attributes: [{key: status}] }");
    assertTrue(byName.matches(AUTH, SCOPE, latency, List.of(attr("status", "success"))));
    assertFalse(byName.matches(AUTH, SCOPE, latency, List.of()));
  }

  @Test
  void spansMatchOnTheirStatus() {
    Span failed = LOGIN.toBuilder().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)).build();
    RecordMatcher errors = matcher("match: { span_statuses: [error] }");
    assertTrue(errors.matches(AUTH, SCOPE, failed));
    assertFalse(errors.matches(AUTH, SCOPE, LOGIN));
    assertTrue(matcher("match: { span_statuses: [unset, STATUS_CODE_OK] }").matches(AUTH, SCOPE, LOGIN));
  }

  @Test
  void aSeverityRangeHasTwoBoundsAndLeavesOutRecordsWithoutSeverity() {
    RecordMatcher debug = matcher("match: { log_severity_number_max: 8 }");
    assertTrue(debug.matches(AUTH, SCOPE, log(SeverityNumber.SEVERITY_NUMBER_DEBUG)));
    assertTrue(debug.matches(AUTH, SCOPE, log(SeverityNumber.SEVERITY_NUMBER_TRACE)));
    assertFalse(debug.matches(AUTH, SCOPE, log(SeverityNumber.SEVERITY_NUMBER_INFO)));
    assertFalse(debug.matches(AUTH, SCOPE, log(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED)));
    RecordMatcher warnings = matcher("match: { log_severity_number_min: 13, log_severity_number_max: 16 }");
    assertTrue(warnings.matches(AUTH, SCOPE, log(SeverityNumber.SEVERITY_NUMBER_WARN4)));
    assertFalse(warnings.matches(AUTH, SCOPE, log(SeverityNumber.SEVERITY_NUMBER_ERROR)));
    assertTrue(matcher("match: { log_bodies: [x], match_type: regexp }").matches(AUTH, SCOPE,
        log(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED).toBuilder().setBody(KeyValues.string("x")).build()));
  }

  private static LogRecord log(SeverityNumber severity) {
    return LogRecord.newBuilder().setSeverityNumber(severity).build();
  }

  @Test
  void keysThatSayNothingAboutASignalAreNamed() {
    MatchConfig config = bind("""
        match: { span_names: [a], span_statuses: [error], metric_names: [m], log_severity_number_max: 8,
                 services: [auth-service], attributes: [{key: k}] }
        """);
    assertEquals(List.of("metric_names", "log_severity_number_max"), config.keysNotFor(Signal.TRACES));
    assertEquals(List.of("span_names", "span_statuses", "log_severity_number_max"), config.keysNotFor(Signal.METRICS));
    assertEquals(List.of("span_names", "span_statuses", "metric_names"), config.keysNotFor(Signal.LOGS));
    assertEquals(List.of(), bind("match: { services: [a] }").keysNotFor(Signal.LOGS));
  }

  @Test
  void theConstructorWithoutStatusesAndMaximumStillBuildsAConfig() {
    MatchConfig old = new MatchConfig(MatchConfig.MatchType.STRICT, List.of("auth-service"), List.of(), List.of(),
        List.of(), List.of(), List.of(), 0, List.of(), List.of(), List.of());
    assertEquals(List.of(), old.spanStatuses());
    assertEquals(0, old.logSeverityNumberMax());
    assertTrue(RecordMatcher.compile(old).matches(AUTH, SCOPE, LOGIN));
  }

  @Test
  void excludeWinsOverInclude() {
    IncludeExclude selection = IncludeExclude.of(bind("match: { services: [auth-service] }"),
        bind("match: { span_names: [\"POST /login\"] }"));
    assertFalse(selection.selects(AUTH, SCOPE, LOGIN));
    assertTrue(selection.selects(AUTH, SCOPE, LOGIN.toBuilder().setName("GET /health").build()));
    assertTrue(IncludeExclude.ALL.selects(AUTH, SCOPE, LOGIN));
  }

  @Test
  void statusAndSeverityMistakesAreReported() {
    bind("""
        match:
          span_statuses: [failed]
          log_severity_number_min: 30
          log_severity_number_max: 9
        """);
    assertEquals(List.of(
            "m.yaml:2:18: match.span_statuses: unknown span status 'failed': use unset, ok or error",
            "m.yaml:3:28: match.log_severity_number_min: severity number 30 is out of range: use 1 (TRACE) to 24"
                + " (FATAL4), 9 is INFO and 17 is ERROR; 0 leaves it unset",
            "m.yaml:4:28: match.log_severity_number_max: is 9, below log_severity_number_min 30, so no record"
                + " can match: swap them or drop one"),
        problems.errors().stream().map(ConfigProblem::toString).toList());
  }

  @Test
  void configMistakesAreReported() {
    bind("match: { match_type: regexp, span_kinds: [sever], span_names: [\"(\"] }");
    assertEquals(List.of("m.yaml:1:42: match.span_kinds: unknown span kind 'sever': use internal, server, client,"
            + " producer or consumer", "m.yaml:1:63: match.span_names: invalid regular expression '(': Unclosed group"),
        problems.errors().stream().map(ConfigProblem::toString).toList());
    ConfigProblems empty = new ConfigProblems();
    new ConfigBinder(empty).bind(new YamlConfigReader(new EnvExpander(k -> null))
        .read("e.yaml", new StringReader("match: {}"), empty).get("match"), MatchConfig.class, MatchConfig.defaults());
    assertTrue(empty.errors().get(0).message().startsWith("matches everything as written"));
  }
}
