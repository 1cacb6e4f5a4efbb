package io.homeostat.benchmarks.jmh;

import io.homeostat.benchmarks.load.PayloadPool;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.spanmetrics.SpanMetricsConfig;
import io.homeostat.exporter.spanmetrics.SpanMetricsConnectorFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * The {@code spanmetrics} connector's share of the pipeline thread, per span: {@code offer} of the
 * load generator's requests (100 spans with a {@code req} each, about 25 series in all), once the
 * series exist, as in a running server. The connector's own thread flushes every second meanwhile,
 * reading the series the offers write. {@code gc.alloc.rate.norm} should be about 0 B per span,
 * except with exemplars, which keep a new one when a slower span comes.
 *
 * <ul>
 *   <li>{@code EXPLICIT}: the defaults (explicit buckets in ms);
 *   <li>{@code EXPONENTIAL}: an exponential histogram of 160 buckets;
 *   <li>{@code DIMENSIONS}: two extra dimensions, one from the span and one from the resource;
 *   <li>{@code EXEMPLARS}: exemplars on.
 * </ul>
 *
 * <p>The requests are decoded once, so protobuf has turned their strings into {@code String}s
 * already: what is measured is the connector, not protobuf's lazy decoding (which the
 * requirements processor pays before it in a real pipeline).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SpanMetricsBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanMetricsBenchmark {

  /** The connector's config. */
  public enum Variant {
    EXPLICIT(""),
    EXPONENTIAL("histogram: { exponential: { max_size: 160 } }"),
    DIMENSIONS("dimensions: [ { name: http.request.method }, { name: deployment.environment } ]"),
    EXEMPLARS("exemplars: { enabled: true }");

    private final String yaml;

    Variant(String yaml) {
      this.yaml = yaml;
    }
  }

  @Param
  public Variant variant;

  private Connector connector;
  private ExportTraceServiceRequest[] requests;
  private int next;

  @Setup
  public void setUp() throws Exception {
    PayloadPool pool = Payloads.pool(Signal.TRACES);
    requests = new ExportTraceServiceRequest[Payloads.POOL_SIZE];
    for (int i = 0; i < requests.length; i++) {
      requests[i] = ExportTraceServiceRequest.parseFrom(pool.body(i));
    }
    SpanMetricsConnectorFactory factory = new SpanMetricsConnectorFactory();
    connector = factory.create(new ComponentSettings(ComponentId.of("spanmetrics"),
            new MetricRegistry(), Path.of(".")), config(factory, variant.yaml),
        EnumSet.of(Signal.TRACES),
        Map.of(Signal.METRICS, (request, completion) -> completion.complete(Outcome.ACCEPTED)));
    connector.start();
    for (ExportTraceServiceRequest request : requests) {
      connector.offer(Signal.TRACES, request);
    }
  }

  private static SpanMetricsConfig config(SpanMetricsConnectorFactory factory, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    ConfigNode.MapNode root = new YamlConfigReader(new EnvExpander(name -> null)).read(
        "benchmark.yaml", new StringReader("spanmetrics:\n  metrics_flush_interval: 1s\n"
            + yaml.indent(2)), problems);
    SpanMetricsConfig config = new ConfigBinder(problems)
        .bind(root.get("spanmetrics"), SpanMetricsConfig.class, factory.createDefaultConfig());
    problems.throwIfErrors();
    return config;
  }

  @TearDown
  public void tearDown() {
    connector.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  @Benchmark
  @OperationsPerInvocation(Payloads.ITEMS_PER_REQUEST)
  public boolean perSpan() {
    ExportTraceServiceRequest request = requests[next];
    next = next + 1 == requests.length ? 0 : next + 1;
    return connector.offer(Signal.TRACES, request);
  }
}
