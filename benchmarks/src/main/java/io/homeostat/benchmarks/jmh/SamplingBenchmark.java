package io.homeostat.benchmarks.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.processor.sampling.SamplingConfig;
import io.homeostat.processor.sampling.SamplingProcessorFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The sampling processor's head decision, per span: a request of 100 spans (10 traces, about 2 %
 * of spans with an error status) through head sampling at {@code ratio}, with and without
 * {@code keep_errors}. At ratio 1 nothing is dropped and the request passes on as it came; at 0.1
 * the kept spans are copied into a new request, once per request.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SamplingBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SamplingBenchmark {

  @Param({"0.1", "1.0"})
  public double ratio;

  @Param({"false", "true"})
  public boolean keepErrors;

  private Message request;
  private Processor sampler;
  private Blackhole sink;
  private final Downstream next = (request, ack) -> sink.consume(request);

  @Setup
  public void create(Blackhole blackhole) throws InvalidProtocolBufferException {
    sink = blackhole;
    request = ExportTraceServiceRequest.parseFrom(
        Payloads.pool(Signal.TRACES, 1, Payloads.ITEMS_PER_REQUEST, Payloads.SEED).body(0));
    SamplingConfig config = new SamplingConfig(SamplingConfig.Mode.HEAD, ratio, keepErrors,
        Duration.ofSeconds(10), Duration.ZERO, List.of(), 50_000, 100_000, 10_000,
        Duration.ofMinutes(1));
    sampler = new SamplingProcessorFactory().create(
        new ComponentSettings(ComponentId.of("sampling"), new MetricRegistry(), Path.of(".")),
        Signal.TRACES, config);
  }

  @Benchmark
  @OperationsPerInvocation(Payloads.ITEMS_PER_REQUEST)
  public void headDecisionPerSpan() {
    sampler.process(request, Ack.NONE, next);
  }
}
