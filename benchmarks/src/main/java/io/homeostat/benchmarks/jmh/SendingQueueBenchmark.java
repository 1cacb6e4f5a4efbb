package io.homeostat.benchmarks.jmh;

import com.google.protobuf.Message;
import io.homeostat.benchmarks.load.Payloads;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.ByteSize;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.exporter.sending.FsyncPolicy;
import io.homeostat.exporter.sending.QueueConfig;
import io.homeostat.exporter.sending.QueueSizer;
import io.homeostat.exporter.sending.QueuedExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What handing a request to an exporter's sending queue costs the pipeline thread: 100-span
 * requests offered to a {@link QueuedExporter} whose ten senders take everything at once, with the
 * queue in memory under each {@code sizer} or on disk under each {@code fsync} policy. (The
 * {@code bytes} sizer measures the one request offered again and again, whose size protobuf has
 * kept after the first offer; a new request pays one pass over its fields, which the sender's
 * encoding then does not repeat.) On disk an offer frames the request,
 * appends it with one write and, with {@code fsync: always}, waits for the device. Each invocation
 * offers {@value #BATCH} requests, as a burst from the receivers would come, and the time until the
 * senders have taken them is left out: the figure is the offer alone, with senders that keep up
 * (and so take the requests from memory), as in a server whose backend is healthy.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SendingQueueBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 *
 * <p>Not final: JMH generates subclasses of benchmark classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SendingQueueBenchmark {

  /**
   * {@code memory} with each {@code sizer} ({@code memory} counts requests), or the {@code fsync}
   * policy of a disk queue.
   */
  @Param({"memory", "memory-items", "memory-bytes", "never", "interval", "always"})
  public String queue;

  /** Requests per invocation: fewer than a disk queue keeps decoded for ten senders. */
  static final int BATCH = 16;

  private final AtomicLong sent = new AtomicLong();
  private long offered;
  private Path dir;
  private QueuedExporter exporter;
  private Message request;

  @Setup
  public void start() throws Exception {
    request = ExportTraceServiceRequest.parseFrom(
        Payloads.pool(Signal.TRACES, 1, Payloads.ITEMS_PER_REQUEST, Payloads.SEED).body(0));
    dir = Files.createTempDirectory("sending-queue-benchmark");
    QueueConfig memory = QueueConfig.DEFAULT;
    QueueConfig config = switch (queue) {
      case "memory" -> memory;
      // As many requests as the default, counted in the sizer's unit.
      case "memory-items" -> inMemory(QueueSizer.ITEMS, memory.capacity() * Payloads.ITEMS_PER_REQUEST);
      case "memory-bytes" -> inMemory(QueueSizer.BYTES, memory.capacity() * request.getSerializedSize());
      default -> new QueueConfig(true, memory.numConsumers(), memory.capacity(), "queue",
          ByteSize.ofMebibytes(64), ByteSize.ofMebibytes(1024),
          FsyncPolicy.valueOf(queue.toUpperCase(Locale.ROOT)), Duration.ofSeconds(1),
          QueueSizer.REQUESTS);
    };
    exporter = new QueuedExporter(
        new ComponentSettings(ComponentId.of("otlp"), new MetricRegistry(), dir),
        Set.of(Signal.TRACES), (signal, message, deadline) -> {
          sent.incrementAndGet();
          return Outcome.ACCEPTED;
        },
        Duration.ofSeconds(5), config, RetryConfig.DEFAULT);
    exporter.start();
  }

  private static QueueConfig inMemory(QueueSizer sizer, int queueSize) {
    QueueConfig memory = QueueConfig.DEFAULT;
    return new QueueConfig(true, memory.numConsumers(), queueSize, null, memory.segmentSize(),
        memory.maxSize(), memory.fsync(), memory.fsyncInterval(), sizer);
  }

  @TearDown
  public void stop() throws IOException {
    exporter.shutdown(Deadline.in(Duration.ofSeconds(10)));
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void offer() {
    for (int i = 0; i < BATCH; i++) {
      if (!exporter.offer(Signal.TRACES, request)) {
        throw new IllegalStateException("the queue refused a request: the figures would not "
            + "measure the offer alone");
      }
    }
    offered += BATCH;
  }

  /** Waits, untimed, until the senders have taken everything, so that each batch starts alike. */
  @TearDown(Level.Invocation)
  public void awaitSent() {
    while (sent.get() < offered) {
      Thread.onSpinWait();
    }
  }
}
