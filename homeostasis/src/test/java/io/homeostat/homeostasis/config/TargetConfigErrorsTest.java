package io.homeostat.homeostasis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.homeostasis.testing.Yaml;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every mistake in a target is reported where it was written, with what to do. */
class TargetConfigErrorsTest {

  static Arguments mistake(String target, String... problems) {
    return Arguments.of("targets:\n  REQ-A-1: " + target + "\n", List.of(problems));
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        mistake("{ target: 5, operator: lt }",
            "h.yaml:2:12: targets.REQ-A-1: has no source: set one of metric, span, error_rate, logs or ratio"),
        mistake("{ metric: a, span: b, target: 1, operator: lt, alert_threshold: 0.9 }",
            "h.yaml:2:31: targets.REQ-A-1.span: a target measures one source, and this one also sets metric: split it into two targets"),
        mistake("{ metric: a }",
            "h.yaml:2:12: targets.REQ-A-1.target: is required: the value the metric is held to, such as 500 with operator lt",
            "h.yaml:2:12: targets.REQ-A-1.operator: is required: lt, lte, gt, gte or eq (actual <op> target)"),
        mistake("{ metric: a, target: 5, operator: less }",
            "h.yaml:2:46: targets.REQ-A-1.operator: expected one of lt, lte, gt, gte, eq, found 'less'"),
        mistake("{ metric: a, target: five, operator: lt }",
            "h.yaml:2:33: targets.REQ-A-1.target: expected a number, found 'five'"),
        mistake("{ span: a, target: 500, operator: lt }",
            "h.yaml:2:12: targets.REQ-A-1.alert_threshold: is required for span durations: the fraction of spans that must be good, such as 0.95 (alert when more than 5 % are not)"),
        mistake("{ span: a, target: 500, operator: lt, alert_threshold: 95 }",
            "h.yaml:2:67: targets.REQ-A-1.alert_threshold: is 95.0: for span durations it is the fraction of spans that must be good, above 0 and at most 1, such as 0.95"),
        mistake("{ span: a, target: 500, operator: eq, alert_threshold: 0.9 }",
            "h.yaml:2:46: targets.REQ-A-1.operator: eq: a span's duration is never exactly a value: use lt, lte, gt or gte"),
        mistake("{ error_rate: true, target: 0.01, operator: lt, alert_threshold: 0.005 }",
            "h.yaml:2:77: targets.REQ-A-1.alert_threshold: is 0.005, below the target 0.01, so it would alert while the target is still met: for lt, set it at or above the target"),
        mistake("{ ratio: { good: { metric: a }, total: { metric: a } }, target: 0.9, operator: gte, alert_threshold: 0.95 }",
            "h.yaml:2:21: targets.REQ-A-1.ratio: needs a name for the target: set name, such as login_success_rate",
            "h.yaml:2:113: targets.REQ-A-1.alert_threshold: is 0.95, above the target 0.9, so it would alert while the target is still met: for gte, set it at or below the target"),
        mistake("{ name: r, ratio: { good: { metric: a } }, target: 0.9, operator: gte }",
            "h.yaml:2:30: targets.REQ-A-1.ratio.total: is required: all events, such as {metric: login_attempts}"),
        mistake("{ name: r, ratio: { good: { span: a }, total: { metric: a } }, target: 0.9, operator: gte }",
            "h.yaml:2:58: targets.REQ-A-1.ratio.total: counts metric points while good counts spans: count both from metrics or both from spans"),
        mistake("{ name: r, ratio: { good: { span: a, metric: b }, total: { metric: a, status: ok } }, target: 0.9, operator: gte }",
            "h.yaml:2:46: targets.REQ-A-1.ratio.good.span: a selector counts metric points or spans, and this one also sets metric: keep one",
            "h.yaml:2:90: targets.REQ-A-1.ratio.total.status: applies to spans only: select metric points by their attributes"),
        mistake("{ name: r, ratio: { good: { span: a, status: fine }, total: { } }, target: 0.9, operator: gte }",
            "h.yaml:2:57: targets.REQ-A-1.ratio.good.status: unknown span status 'fine': use ok (not failed) or error",
            "h.yaml:2:72: targets.REQ-A-1.ratio.total: counts nothing: set metric (a counter or histogram) or span"),
        mistake("{ error_rate: false, target: 0.01, operator: lt }",
            "h.yaml:2:26: targets.REQ-A-1.error_rate: error_rate: false measures nothing: remove the target, or write true (every span of the requirement) or {span: NAME}"),
        mistake("{ error_rate: maybe, target: 0.01, operator: lt }",
            "h.yaml:2:26: targets.REQ-A-1.error_rate: expected true (every span of the requirement) or {span: NAME}, found 'maybe'"),
        mistake("{ error_rate: {}, target: 0.01, operator: lt }",
            "h.yaml:2:26: targets.REQ-A-1.error_rate.span: is required in this form: the spans' name; or write error_rate: true for every span of the requirement"),
        mistake("{ logs: { severity_min: LOUD }, target: 1, operator: lt }",
            "h.yaml:2:36: targets.REQ-A-1.logs.severity_min: unknown log severity 'LOUD': use TRACE, DEBUG, INFO, WARN, ERROR or FATAL (optionally with 2, 3 or 4, such as ERROR2), or a number from 1 to 24"),
        mistake("{ error_rate: true, objective: 99.9 }",
            "h.yaml:2:43: targets.REQ-A-1.objective: needs period, the SLO's period, such as 30d"),
        mistake("{ error_rate: true, period: 30d }",
            "h.yaml:2:40: targets.REQ-A-1.period: needs objective, the percentage of good events, such as 99.9"),
        mistake("{ error_rate: true, objective: 100, period: 1d }",
            "h.yaml:2:43: targets.REQ-A-1.objective: is 100.0: use a percentage above 0 and below 100, such as 99.9",
            "h.yaml:2:56: targets.REQ-A-1.period: is 1d: SLO mode's slowest alert looks back 3d, so use 3d or longer, such as 30d"),
        mistake("{ logs: {}, objective: 99, period: 30d, target: 1, operator: lt }",
            "h.yaml:2:20: targets.REQ-A-1.logs: counts records, not good and bad events, so it has no SLO mode: use error_rate or ratio, or remove objective and period"),
        mistake("{ span: a, target: 500, operator: lt, alert_threshold: 0.9, objective: 99, period: 30d }",
            "h.yaml:2:67: targets.REQ-A-1.alert_threshold: does not apply in SLO mode: the burn rates decide when it alerts; remove it"),
        mistake("{ error_rate: true, target: 0.1, operator: lt, objective: 99, period: 30d }",
            "h.yaml:2:40: targets.REQ-A-1.target: has no meaning for error_rate in SLO mode: the objective is the target; remove it",
            "h.yaml:2:55: targets.REQ-A-1.operator: has no meaning for error_rate in SLO mode: the objective is the target; remove it"),
        mistake("{ metric: a, target: 1, operator: lt, window: 0s, for: -1s, notify_no_data: 0s, min_samples: -1, severity: page }",
            "h.yaml:2:58: targets.REQ-A-1.window: is 0s: use a duration longer than zero, such as 5m",
            "h.yaml:2:67: targets.REQ-A-1.for: is -1s: use 0s or longer",
            "h.yaml:2:88: targets.REQ-A-1.notify_no_data: is 0s: use a duration longer than zero, such as 5m",
            "h.yaml:2:105: targets.REQ-A-1.min_samples: is -1: use 0 (any number gives a verdict) or more",
            "h.yaml:2:119: targets.REQ-A-1.severity: unknown severity 'page': use critical, warning or info"),
        mistake("{ metric: a, target: 1, operator: lt, window: 5 minutes }",
            "h.yaml:2:58: targets.REQ-A-1.window: invalid duration '5 minutes': write a number with a unit (ns, us, ms, s, m, h, d, w), such as 200ms, 5s or 1m30s"),
        mistake("{ span: a, target: 1, operator: lt, alert_threshold: 0.9, match: { metric_names: [x] } }",
            "h.yaml:2:93: targets.REQ-A-1.match.metric_names: says nothing about spans and would match every one: this target reads spans"),
        mistake("{ span: a, target: 1, operator: lt, alert_threshold: 0.9, match: {} }",
            "h.yaml:2:77: targets.REQ-A-1.match: matches everything as written: set at least one of services, span_names, "
                + "span_kinds, span_statuses, metric_names, log_bodies, log_severity_texts, log_severity_number_min, "
                + "log_severity_number_max, attributes, resources, libraries"),
        mistake("{ metric: a, target: 1, operator: lt, alert_treshold: 0.9 }",
            "h.yaml:2:50: targets.REQ-A-1.alert_treshold: unknown key 'alert_treshold'; did you mean 'alert_threshold'? "
                + "(valid keys: name, metric, span, error_rate, logs, ratio, target, operator, alert_threshold, window, "
                + "for, severity, description, notify_no_data, match, min_samples, requirement_only, objective, period)"),
        mistake("{ name: '', metric: a, target: 1, operator: lt }",
            "h.yaml:2:20: targets.REQ-A-1.name: is empty: name the target, or leave name out to use its metric or span name"),
        mistake("5",
            "h.yaml:2:12: targets.REQ-A-1: expected a target, such as {metric: login_latency_ms, target: 500, operator: lt, alert_threshold: 0.95}, or a list of targets, found '5'"),
        mistake("\n    - { metric: a, target: 1, operator: lt }\n    - { metric: a, target: 2, operator: gt }",
            "h.yaml:4:7: targets.REQ-A-1[1]: duplicate target 'a' of REQ-A-1, first at h.yaml:3:7: give one of them a name of its own (name: ...)"),
        Arguments.of("targets:\n  req-1: { metric: a, target: 1, operator: lt }\n", List.of(
            "h.yaml:2:3: targets.req-1: 'req-1' is not a requirement key: write REQ- and upper-case letters or digits in parts joined by -, such as REQ-F-AUTH-001")),
        Arguments.of("targets:\n  - { metric: a, target: 1, operator: lt }\n", List.of(
            "h.yaml:2:3: targets: expected a mapping of requirement keys to targets, such as REQ-NFR-PERF-001: "
                + "{metric: login_latency_ms, target: 500, operator: lt}, found a list")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsReportedWhereItWasWritten(String yaml, List<String> problems) {
    assertEquals(problems, Yaml.problems(yaml));
  }
}
