package io.homeostat.processor.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.processor.support.ProcessorHarness;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterConfigTest {

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("processor: {}",
            List.of("p.yaml:1:12: processor: filters nothing as written: set spans, metrics or logs, each with include, exclude or both")),
        Arguments.of("processor: {spans: {}}",
            List.of("p.yaml:1:20: processor.spans: set include, exclude or both: the records to keep, the records to drop")),
        Arguments.of("processor: {spans: {include: {}}}",
            List.of("p.yaml:1:30: processor.spans.include: matches everything as written: set at least one of services,"
                + " span_names, span_kinds, span_statuses, metric_names, log_bodies, log_severity_texts,"
                + " log_severity_number_min, log_severity_number_max, attributes, resources, libraries")),
        Arguments.of("processor: {spans: {exclude: {log_severity_number_max: 8, span_names: [a]}}}",
            List.of("p.yaml:1:56: processor.spans.exclude.log_severity_number_max: says nothing about spans and would"
                + " match every one: move it under logs")),
        Arguments.of("processor: {logs: {include: {metric_names: [a]}}, metrics: {exclude: {span_statuses: [error]}}}",
            List.of("p.yaml:1:44: processor.logs.include.metric_names: says nothing about log records and would match"
                + " every one: move it under metrics",
                "p.yaml:1:86: processor.metrics.exclude.span_statuses: says nothing about metric points and would"
                + " match every one: move it under spans")),
        Arguments.of("processor: {spans: {include: {span_statuses: [failed]}}}",
            List.of("p.yaml:1:46: processor.spans.include.span_statuses: unknown span status 'failed': use unset, ok or error")),
        Arguments.of("processor: {traces: {include: {span_names: [a]}}}",
            List.of("p.yaml:1:12: processor: filters nothing as written: set spans, metrics or logs, each with include, exclude or both",
                "p.yaml:1:13: processor.traces: unknown key 'traces' (valid keys: spans, metrics, logs)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void eachMistakeIsReportedWhereItWasWritten(String yaml, List<String> problems) {
    assertEquals(problems, ProcessorHarness.problems(new FilterProcessorFactory(), yaml + "\n"));
  }
}
