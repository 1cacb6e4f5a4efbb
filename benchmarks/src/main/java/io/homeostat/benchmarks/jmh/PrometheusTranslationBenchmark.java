package io.homeostat.benchmarks.jmh;

import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.prometheus.translate.Accumulator;
import io.homeostat.exporter.prometheus.translate.Drops;
import io.homeostat.exporter.prometheus.translate.MetricNamer;
import io.homeostat.exporter.prometheus.translate.PromPoint;
import io.homeostat.exporter.prometheus.translate.Translator;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Prometheus exporters' work per metric data point, on the load generator's metrics request
 * of 100 points (cumulative gauges and sums with a {@code req} and two more attributes):
 * {@code offer} is what the pipeline thread pays (the accumulator taking a request), and
 * {@code translate} what a remote-write sender or a scrape pays for each point (names, labels,
 * values). Both are reported per data point.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PrometheusTranslationBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PrometheusTranslationBenchmark {

  private static final int POINTS = Payloads.ITEMS_PER_REQUEST;

  private ExportMetricsServiceRequest request;
  private Accumulator accumulator;
  private Translator translator;

  @Setup
  public void build() {
    request = (ExportMetricsServiceRequest) Payloads.request(Signal.METRICS,
        new Random(Payloads.SEED), POINTS, System.currentTimeMillis() * 1_000_000L);
    MetricNamer namer = new MetricNamer("", true);
    accumulator = new Accumulator(namer, Duration.ofMinutes(5), System::nanoTime,
        new Drops(new MetricRegistry(), "prometheus"));
    translator = new Translator(namer, false, Map.of());
  }

  /** The pipeline thread's share: the accumulator takes one request. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int offer() {
    Accumulator.Batch batch = accumulator.prepare(request);
    batch.commit();
    return batch.points();
  }

  /** A sender's or a scrape's share: the points of one request as Prometheus series. */
  @Benchmark
  @OperationsPerInvocation(POINTS)
  public List<PromPoint> translate() {
    return translator.translate(request);
  }
}
