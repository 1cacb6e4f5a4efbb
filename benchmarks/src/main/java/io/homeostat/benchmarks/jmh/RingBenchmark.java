package io.homeostat.benchmarks.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Completion;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.server.pipeline.Ring;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Requests a second through the pipeline ring with no processors and an exporter that takes
 * everything: what the hand-off from a receiver thread to the pipeline thread and back (the
 * client's answer) costs per request. Each invocation publishes {@value #BATCH} requests, fewer
 * than the ring holds, and waits for all their answers.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RingBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RingBenchmark {

  /** Requests per invocation. */
  static final int BATCH = 1000;
  /** The server's default ring size, so that a batch never finds it full. */
  private static final int RING_SIZE = 4096;

  private final AtomicLong notAccepted = new AtomicLong();
  private Ring ring;
  private RequestConsumer entry;
  private Message request;

  @Setup
  public void start() throws InvalidProtocolBufferException {
    request = ExportTraceServiceRequest.parseFrom(
        Payloads.pool(Signal.TRACES, 1, Payloads.ITEMS_PER_REQUEST, Payloads.SEED).body(0));
    ring = new Ring(RING_SIZE, Duration.ofSeconds(1), new MetricRegistry());
    Exporter accepting = (signal, message) -> true;
    ring.addPipeline("traces", Signal.TRACES, List.of(), Map.of("nop", accepting));
    entry = ring.entry("otlp", List.of("traces"));
    ring.start();
  }

  @TearDown
  public void drain() {
    ring.drain(Deadline.in(Duration.ofSeconds(10)));
    if (notAccepted.get() > 0) {
      throw new IllegalStateException(notAccepted.get() + " requests were not accepted; the "
          + "figures do not measure the hand-off alone");
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void requests() throws InterruptedException {
    CountDownLatch answered = new CountDownLatch(BATCH);
    Completion completion = outcome -> {
      if (outcome != Outcome.ACCEPTED) {
        notAccepted.incrementAndGet();
      }
      answered.countDown();
    };
    for (int i = 0; i < BATCH; i++) {
      entry.consume(request, completion);
    }
    if (!answered.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the ring did not answer " + answered.getCount() + " requests in 10 s");
    }
  }
}
