package io.homeostat.benchmarks.jmh;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.config.TargetDefaults;
import io.homeostat.homeostasis.config.TargetSpecs;
import io.homeostat.homeostasis.engine.HomeostasisEngine;
import io.homeostat.homeostasis.model.AlertListener;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.target.TargetSpec;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Window updates per second for one homeostasis target, as the pipeline thread makes them: the
 * engine sees a request of {@value #RECORDS} records, each of which updates the target's window.
 *
 * <ul>
 *   <li>{@code DISTRIBUTION}: a {@code span:} target (p95 under 500 ms); each span is counted good or
 *       not and added to its bucket's DDSketch.
 *   <li>{@code COUNTER}: a ratio over a cumulative counter; each point is one of 100 series, whose
 *       increase is found in the target's series table and added to its bucket.
 *   <li>{@code MISS}: spans no target reads (another name, another requirement): the cost of
 *       looking, which every record pays.
 * </ul>
 *
 * The clock is fixed at the records' time, so every record lands in the window however long the
 * run. One operation is one record.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar WindowBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowBenchmark {

  /** Records per request, as the load generator sends them. */
  static final int RECORDS = 100;
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  public enum Source { DISTRIBUTION, COUNTER, MISS }

  @Param({"DISTRIBUTION", "COUNTER", "MISS"})
  public Source source;

  private Path stateDir;
  private HomeostasisEngine engine;
  private Signal signal;
  private Message request;

  @Setup
  public void build() throws IOException {
    stateDir = Files.createTempDirectory("window-benchmark");
    engine = new HomeostasisEngine(targets(), new AlertListener() {
      @Override
      public void firing(Evaluation evaluation, Instant startsAt) {}

      @Override
      public void resolved(Evaluation evaluation, Instant startsAt, Instant endsAt) {}
    }, stateDir, new MetricRegistry(), Clock.fixed(NOW, ZoneOffset.UTC));
    long now = NOW.getEpochSecond() * 1_000_000_000L;
    signal = source == Source.COUNTER ? Signal.METRICS : Signal.TRACES;
    request = source == Source.COUNTER ? counters(now) : spans(now, source == Source.MISS);
    engine.observe(signal, request);
    engine.evaluate(NOW);
    // The counter's first points are baselines (no events yet); spans count at once.
    long expected = source == Source.DISTRIBUTION ? RECORDS : 0;
    long samples = engine.evaluations().stream().mapToLong(Evaluation::samples).sum();
    if (samples != expected) {
      throw new IllegalStateException(source + ": the targets counted " + samples + " records, not "
          + expected + ": the benchmark measures something else than it says");
    }
  }

  @TearDown
  public void close() throws IOException {
    engine.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void observe() {
    engine.observe(signal, request);
  }

  private static List<TargetSpec> targets() {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null)).read("bench.yaml",
        new StringReader("""
            targets:
              REQ-NFR-PERF-001: { span: auth.login, target: 500, operator: lt, alert_threshold: 0.95 }
              REQ-F-AUTH-001:
                name: login_success_rate
                ratio:
                  good: { metric: login_attempts, attributes: { status: success } }
                  total: { metric: login_attempts }
                target: 0.99
                operator: gte
            """), problems);
    List<TargetSpec> specs = TargetSpecs.parseTargets(root.get("targets"), TargetDefaults.DEFAULT, problems);
    problems.throwIfErrors();
    return specs;
  }

  private static ExportTraceServiceRequest spans(long now, boolean miss) {
    Random random = new Random(1);
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < RECORDS; i++) {
      long millis = (long) (120 * Math.exp(random.nextGaussian() * 0.5));
      scope.addSpans(Span.newBuilder().setName(miss ? "auth.logout" : "auth.login")
          .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, i + 1).array()))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i + 1).array()))
          .setStartTimeUnixNano(now - millis * 1_000_000).setEndTimeUnixNano(now)
          .addAttributes(text("req", miss ? "REQ-F-PAY-002" : "REQ-NFR-PERF-001"))
          .addAttributes(text("http.route", "/login")));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(text("service.name", "auth-service")))
        .addScopeSpans(scope)).build();
  }

  private static ExportMetricsServiceRequest counters(long now) {
    Sum.Builder sum = Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
    for (int i = 0; i < RECORDS; i++) {
      sum.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(now).setStartTimeUnixNano(now - 3_600_000_000_000L)
          .setAsInt(1000 + i).addAttributes(text("req", "REQ-F-AUTH-001"))
          .addAttributes(text("status", i % 10 == 0 ? "failure" : "success"))
          .addAttributes(text("pod", "auth-" + i)));
    }
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(text("service.name", "auth-service")))
        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(Metric.newBuilder()
            .setName("login_attempts").setSum(sum)))).build();
  }

  private static KeyValue text(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }
}
