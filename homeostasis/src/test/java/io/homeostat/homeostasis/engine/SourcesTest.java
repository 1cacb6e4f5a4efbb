package io.homeostat.homeostasis.engine;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.homeostasis.testing.Otlp.attr;
import static io.homeostat.homeostasis.testing.Otlp.counter;
import static io.homeostat.homeostasis.testing.Otlp.exemplar;
import static io.homeostat.homeostasis.testing.Otlp.failed;
import static io.homeostat.homeostasis.testing.Otlp.gauge;
import static io.homeostat.homeostasis.testing.Otlp.histogram;
import static io.homeostat.homeostasis.testing.Otlp.histogramPoint;
import static io.homeostat.homeostasis.testing.Otlp.log;
import static io.homeostat.homeostasis.testing.Otlp.logs;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;
import static io.homeostat.homeostasis.testing.Otlp.span;
import static io.homeostat.homeostasis.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Exemplar;
import io.homeostat.homeostasis.model.TargetState;
import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.testing.RecordingListener;
import io.homeostat.homeostasis.testing.Yaml;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each source, fed through the engine, against numbers worked out by hand. */
class SourcesTest {

  static final String REQ = "REQ-F-AUTH-001";

  @TempDir
  Path dir;

  @Test
  void spanDurationsGiveExactComplianceAndTheP95WithinTheSketchError() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { span: auth.login, target: 500, operator: lt, alert_threshold: 0.95 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      List<Span> spans = new ArrayList<>();
      for (int ms = 1; ms <= 1000; ms++) {
        spans.add(span("auth.login", REQ, h.now(), ms));
      }
      h.send(traces(spans));
      h.send(traces(span("auth.other", REQ, h.now(), 5000)));
      Evaluation evaluation = h.evaluate();
      assertEquals("auth.login", evaluation.metric());
      assertEquals(1000, evaluation.samples());
      assertEquals(0.499, evaluation.compliance(), 1e-12);
      // The 0.95 quantile of 1..1000 ms at rank 0.95 * 999 is 950 ms; DDSketch holds it within 1 %.
      assertEquals(950, evaluation.actual(), 9.5);
      assertEquals(TargetState.DEVIATING, evaluation.state());
      List<Exemplar> exemplars = evaluation.exemplars();
      assertEquals(5, exemplars.size());
      assertEquals(List.of(1000.0, 999.0, 998.0, 997.0, 996.0), exemplars.stream().map(Exemplar::value).toList());
      assertEquals(32, exemplars.get(0).traceId().length());
      assertEquals(16, exemplars.get(0).spanId().length());
    }
  }

  @Test
  void aHigherIsBetterDistributionReadsTheLowQuantile() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { span: batch.job, target: 100, operator: gt, alert_threshold: 0.9 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      List<Span> spans = new ArrayList<>();
      for (int ms = 1; ms <= 1000; ms++) {
        spans.add(span("batch.job", REQ, h.now(), ms));
      }
      h.send(traces(spans));
      Evaluation evaluation = h.evaluate();
      assertEquals(0.9, evaluation.compliance(), 1e-12);
      assertEquals(100.9, evaluation.actual(), 1.01);
      assertEquals(TargetState.OK, evaluation.state());
    }
  }

  @Test
  void errorRateCountsErrorStatusAndExceptionEvents() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { error_rate: { span: auth.login }, target: 0.01, operator: lt }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        Span s = span("auth.login", REQ, h.now(), 20);
        if (i < 5) {
          s = failed(s);
        } else if (i < 10) {
          s = s.toBuilder().addEvents(Span.Event.newBuilder().setName("exception")).build();
        }
        spans.add(s);
      }
      h.send(traces(spans));
      Evaluation evaluation = h.evaluate();
      assertEquals("error_rate", evaluation.metric());
      assertEquals("error_rate", evaluation.key().target());
      assertEquals(0.05, evaluation.actual(), 1e-12);
      assertEquals(200, evaluation.samples());
      assertEquals(400, evaluation.deviationPercent(), 1e-9);
      assertEquals("critical", evaluation.severity());
      assertEquals(5, evaluation.exemplars().size());
    }
  }

  @Test
  void errorRateOfTheRequirementReadsEverySpanTaggedWithIt() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { error_rate: true, target: 0.1, operator: lte }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      Span listTagged = span("auth.refresh", "x", h.now(), 10).toBuilder().setAttributes(0,
          KeyValue.newBuilder().setKey("req").setValue(KeyValues.strings(List.of("REQ-F-PAY-002", REQ)))).build();
      h.send(traces(failed(span("auth.login", REQ, h.now(), 10)), span("auth.logout", REQ, h.now(), 10),
          failed(listTagged), span("auth.check", "REQ-F-PAY-002, " + REQ, h.now(), 10),
          failed(span("pay.card", "REQ-F-PAY-002", h.now(), 10))));
      Evaluation evaluation = h.evaluate();
      assertEquals(4, evaluation.samples());
      assertEquals(0.5, evaluation.actual(), 1e-12);
    }
  }

  @Test
  void logsCountRecordsAtOrAboveTheSeverityPerMinute() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { logs: { severity_min: WARN }, target: 5, operator: lt }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      for (int minute = 0; minute < 5; minute++) {
        for (int i = 0; i < 6; i++) {
          h.send(logs(log(SeverityNumber.SEVERITY_NUMBER_ERROR, REQ, h.now())));
        }
        h.send(logs(log(SeverityNumber.SEVERITY_NUMBER_WARN, REQ, h.now()),
            log(SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED, REQ, h.now()).toBuilder().setSeverityText("Warning").build(),
            log(SeverityNumber.SEVERITY_NUMBER_INFO, REQ, h.now()),
            log(SeverityNumber.SEVERITY_NUMBER_ERROR, "REQ-F-PAY-002", h.now())));
        h.advance(Duration.ofMinutes(1));
      }
      Evaluation evaluation = h.evaluate();
      assertEquals("warn_logs", evaluation.key().target());
      assertEquals("warn_logs", evaluation.metric());
      assertEquals(40, evaluation.samples());
      assertEquals(8, evaluation.actual(), 1e-9);
      assertEquals(5, evaluation.exemplars().size());
    }
  }

  @Test
  void aCumulativeCounterGivesItsIncreasePerSecondAcrossAReset() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { metric: requests_total, target: 1, operator: gte, window: 1m, min_samples: 1 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      long start = h.now() - Duration.ofHours(1).toNanos();
      double[] values = {1000, 1100, 1200, 50, 150, 150};
      for (double value : values) {
        h.send(metrics(counter("requests_total", true, point(h.now(), start, value, attr("req", REQ)))));
        h.advance(Duration.ofSeconds(10));
      }
      Evaluation evaluation = h.evaluate();
      // The first point is a baseline; then +100, +100, a reset (+50), +100, +0 over the 60 s watched.
      assertEquals(350.0 / 60, evaluation.actual(), 1e-9);
      assertEquals(6, evaluation.samples());
    }
  }

  @Test
  void aSeriesThatStartsWhileWatchedCountsWholeAndDeltaPointsAddThemselves() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { metric: requests_total, target: 1, operator: gte, window: 1m, min_samples: 1 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      long watchStart = h.now();
      h.advance(Duration.ofSeconds(10));
      h.send(metrics(counter("requests_total", true, point(h.now(), watchStart + 1, 30, attr("req", REQ)))));
      h.send(metrics(counter("requests_total", false, point(h.now(), 0, 12, attr("req", REQ), attr("kind", "delta")))));
      h.advance(Duration.ofSeconds(50));
      assertEquals(42.0 / 60, h.evaluate().actual(), 1e-9);
    }
  }

  @Test
  void loginSuccessRateComesFromTheAttemptsCounterBySeries() {
    String yaml = """
        targets:
          REQ-F-AUTH-001:
            name: login_success_rate
            ratio:
              good: { metric: login_attempts, attributes: { status: success } }
              total: { metric: login_attempts }
            target: 0.99
            operator: gte
            alert_threshold: 0.98
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      long before = h.now() - Duration.ofHours(1).toNanos();
      h.send(metrics(counter("login_attempts", true,
          point(h.now(), before, 5000, attr("status", "success"), attr("req", REQ)),
          point(h.now(), before, 100, attr("status", "failure"), attr("req", REQ)))));
      h.advance(Duration.ofSeconds(30));
      h.send(metrics(counter("login_attempts", true,
          point(h.now(), before, 5970, attr("status", "success"), attr("req", REQ)),
          point(h.now(), before, 120, attr("status", "failure"), attr("req", REQ)),
          point(h.now(), h.now() - 1, 10, attr("status", "locked"), attr("req", REQ)))));
      h.advance(Duration.ofSeconds(5));
      Evaluation evaluation = h.evaluate();
      assertEquals("login_success_rate", evaluation.key().target());
      assertEquals("login_success_rate", evaluation.metric());
      assertEquals(1000, evaluation.samples());
      assertEquals(0.97, evaluation.actual(), 1e-12);
      assertEquals(TargetState.DEVIATING, evaluation.state());
    }
  }

  @Test
  void aRatioOverSpansCountsTheSpansEachSelectorMatches() {
    String yaml = """
        targets:
          REQ-F-AUTH-001:
            name: checkout_ok
            ratio:
              good: { span: checkout, status: ok, attributes: { http.response.status_code: 200 } }
              total: { span: checkout }
            target: 0.9
            operator: gte
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      List<Span> spans = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Span s = span("checkout", REQ, h.now(), 30).toBuilder()
            .addAttributes(attr("http.response.status_code", i < 16 ? 200 : 503)).build();
        spans.add(i == 0 ? failed(s) : s);
      }
      h.send(traces(spans));
      Evaluation evaluation = h.evaluate();
      assertEquals(20, evaluation.samples());
      assertEquals(0.75, evaluation.actual(), 1e-12);
      assertEquals(5, evaluation.exemplars().size());
    }
  }

  @Test
  void aCumulativeHistogramAddsWhatEachPointAddsAndRestartsOnAReset() {
    String yaml = """
        targets:
          REQ-NFR-PERF-001: { metric: login_latency_ms, target: 500, operator: lt, alert_threshold: 0.95, min_samples: 1 }
        """;
    double[] bounds = {250, 500, 1000};
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      long before = h.now() - Duration.ofHours(1).toNanos();
      long[][] cumulative = {{10, 10, 0, 0}, {60, 50, 10, 0}, {5, 0, 5, 0}};
      for (long[] counts : cumulative) {
        h.send(metrics(histogram("login_latency_ms", true, histogramPoint(h.now(), before, bounds, counts,
            attr("req", "REQ-NFR-PERF-001")))));
        h.advance(Duration.ofSeconds(10));
      }
      Evaluation evaluation = h.evaluate();
      // Baseline {10,10,0,0}; then {50,40,10,0}; then a reset adds the whole {5,0,5,0}.
      assertEquals(110, evaluation.samples());
      assertEquals(95.0 / 110, evaluation.compliance(), 1e-12);
    }
  }

  @Test
  void aCumulativeExponentialHistogramIsADistributionToo() {
    String yaml = """
        targets:
          REQ-NFR-PERF-001: { metric: login_latency_ms, target: 256, operator: lt, alert_threshold: 0.9, min_samples: 1 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      long before = h.now() - Duration.ofHours(1).toNanos();
      // Scale 0: bucket 7 is (128, 256], bucket 8 is (256, 512].
      long[][] cumulative = {{10, 1}, {100, 21}};
      for (long[] counts : cumulative) {
        ExponentialHistogramDataPoint point = ExponentialHistogramDataPoint.newBuilder()
            .setTimeUnixNano(h.now()).setStartTimeUnixNano(before).setScale(0)
            .setCount(counts[0] + counts[1]).setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder()
                .setOffset(7).addBucketCounts(counts[0]).addBucketCounts(counts[1]))
            .addAttributes(attr("req", "REQ-NFR-PERF-001")).build();
        h.send(metrics(Metric.newBuilder().setName("login_latency_ms").setExponentialHistogram(
            ExponentialHistogram.newBuilder().setAggregationTemporality(
                AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).addDataPoints(point)).build()));
        h.advance(Duration.ofSeconds(10));
      }
      Evaluation evaluation = h.evaluate();
      assertEquals(110, evaluation.samples());
      assertEquals(90.0 / 110, evaluation.compliance(), 1e-12);
      assertEquals(TargetState.DEVIATING, evaluation.state());
    }
  }

  @Test
  void histogramExemplarsThatViolateTheTargetLeadToTheirTraces() {
    String yaml = """
        targets:
          REQ-NFR-PERF-001: { metric: login_latency_ms, target: 500, operator: lt, alert_threshold: 0.95 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      var point = histogramPoint(h.now(), 0, new double[] {500}, new long[] {10, 2},
          attr("req", "REQ-NFR-PERF-001")).toBuilder()
          .addExemplars(exemplar(7, 812, h.now())).addExemplars(exemplar(8, 120, h.now())).build();
      h.send(metrics(histogram("login_latency_ms", false, point)));
      List<Exemplar> exemplars = h.evaluate().exemplars();
      assertEquals(1, exemplars.size());
      assertEquals(812, exemplars.get(0).value());
      assertEquals("00000000000000000000000000000007", exemplars.get(0).traceId());
      assertEquals("0000000000000007", exemplars.get(0).spanId());
    }
  }

  @Test
  void onlyTheRequirementsRecordsCountUnlessTheTargetSaysOtherwise() {
    String yaml = """
        targets:
          REQ-F-AUTH-001:
            - { span: auth.login, target: 500, operator: lt, alert_threshold: 0.9, min_samples: 1 }
            - { name: all_logins, span: auth.login, target: 500, operator: lt, alert_threshold: 0.9, requirement_only: false }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      Span untagged = span("auth.login", REQ, h.now(), 10).toBuilder().clearAttributes().build();
      h.send(traces(span("auth.login", REQ, h.now(), 10), span("auth.login", "REQ-UNTAGGED", h.now(), 10), untagged));
      h.send(ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
          .setResource(Resource.newBuilder().addAttributes(attr("req", REQ)))
          .addScopeSpans(ScopeSpans.newBuilder().addSpans(untagged))).build());
      h.engine.evaluate(h.clock.instant());
      assertEquals(2, h.engine.evaluations().get(0).samples());
      assertEquals(4, h.engine.evaluations().get(1).samples());
    }
  }

  @Test
  void matchRestrictsWhichRecordsCount() {
    String yaml = """
        targets:
          REQ-F-AUTH-001:
            span: auth.login
            target: 500
            operator: lt
            alert_threshold: 0.9
            match: { attributes: [ { key: region, value: eu } ] }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      h.send(traces(span("auth.login", REQ, h.now(), 10).toBuilder().addAttributes(attr("region", "eu")).build(),
          span("auth.login", REQ, h.now(), 10).toBuilder().addAttributes(attr("region", "us")).build()));
      assertEquals(1, h.evaluate().samples());
    }
  }

  @Test
  void recordsOutsideTheWindowAndItsLatenessAreCountedNotFoldedIn() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { span: auth.login, target: 500, operator: lt, alert_threshold: 0.9 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      long minute = Duration.ofMinutes(1).toNanos();
      h.send(traces(span("auth.login", REQ, h.now() - 5 * minute - 20_000_000_000L, 10),
          span("auth.login", REQ, h.now() - 5 * minute - 40_000_000_000L, 10),
          span("auth.login", REQ, h.now() + 20_000_000_000L, 10),
          span("auth.login", REQ, h.now() + 40_000_000_000L, 10)));
      assertEquals(0, h.evaluate().samples());
      h.advance(Duration.ofSeconds(20));
      assertEquals(1, h.evaluate().samples());
      String[] labels = {"requirement", REQ, "target", "auth.login"};
      assertEquals(1, h.metrics.value("homeostat_homeostasis_late_records_total", labels));
      assertEquals(1, h.metrics.value("homeostat_homeostasis_early_records_total", labels));
    }
  }

  @Test
  void aMetricOfAnotherKindThanTheTargetFirstSawIsDroppedAndCounted() {
    String yaml = """
        targets:
          REQ-F-AUTH-001: { metric: queue_depth, target: 100, operator: lt, min_samples: 1 }
        """;
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      h.send(metrics(gauge("queue_depth", point(h.now(), 0, 40, attr("req", REQ)))));
      h.send(metrics(counter("queue_depth", false, point(h.now(), 0, 4000, attr("req", REQ)))));
      Evaluation evaluation = h.evaluate();
      assertEquals(40, evaluation.actual());
      assertEquals(1, h.metrics.value("homeostat_homeostasis_dropped_points_total",
          "requirement", REQ, "target", "queue_depth", "reason", "kind"));
    }
  }

  @Test
  void seriesBeyondTheLimitAreNotTrackedButCounted() {
    TargetSpec spec = Yaml.targets("""
        targets:
          REQ-F-AUTH-001: { metric: requests_total, target: 1, operator: gte, min_samples: 1 }
        """).get(0);
    TargetSpec twoSeries = new TargetSpec(spec.requirement(), spec.name(), spec.source(), spec.target(),
        spec.operator(), spec.alertThreshold(), spec.window(), spec.holdFor(), spec.severity(),
        spec.description(), spec.notifyNoData(), spec.match(), spec.minSamples(), spec.requirementOnly(),
        spec.slo(), spec.lateness(), 2, spec.location());
    ManualClock clock = new ManualClock();
    MetricRegistry registry = new MetricRegistry();
    try (HomeostasisEngine engine = new HomeostasisEngine(List.of(twoSeries), new RecordingListener(), dir,
        registry, clock)) {
      long now = clock.nanos();
      engine.observe(Signal.METRICS, metrics(counter("requests_total", true,
          point(now, 1, 5, attr("req", REQ), attr("pod", "a")), point(now, 1, 5, attr("req", REQ), attr("pod", "b")),
          point(now, 1, 5, attr("req", REQ), attr("pod", "c")))));
      assertEquals(1, registry.value("homeostat_homeostasis_dropped_points_total",
          "requirement", REQ, "target", "requests_total", "reason", "series_limit"));
      engine.evaluate(clock.instant());
      assertEquals(2, engine.evaluations().get(0).samples());
    }
  }
}
