package io.homeostat.server.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline ring: one Disruptor whose single handler thread runs every pipeline. Receivers
 * publish one event per export request from their own threads and never block: a full ring is
 * answered with a retryable refusal. Keeping all processing on one thread lets processors and the
 * homeostasis windows keep state without locks; the expensive work (decoding, encoding, sending)
 * happens on receiver and exporter threads.
 *
 * <p>Build it with {@link #addPipeline} and {@link #entry}, then {@link #start}; {@link #drain}
 * stops it without losing what was accepted.
 */
public final class Ring {

  private static final Logger log = LoggerFactory.getLogger(Ring.class);
  /** The shortest tick, whatever processors ask for: ticks are events too. */
  private static final Duration MIN_TICK = Duration.ofMillis(10);

  private final Disruptor<RingEvent> disruptor;
  private final RingBuffer<RingEvent> buffer;
  private final Duration retryAfter;
  private final MetricRegistry metrics;
  private final Gate gate = new Gate();
  private final Map<String, PipelineChain> chains = new LinkedHashMap<>();
  private final List<Processor> processors = new ArrayList<>();
  private final List<Route> routes = new ArrayList<>();
  private final Counter refusedFull;
  private PipelineHandler handler;
  private ScheduledExecutorService ticker;

  /**
   * @param size slots in the ring, a power of two
   * @param retryAfter how long clients are asked to wait when the ring or a queue is full
   */
  public Ring(int size, Duration retryAfter, MetricRegistry metrics) {
    this.disruptor = new Disruptor<>(RingEvent::new, size,
        runnable -> new Thread(runnable, "homeostat-pipeline"), ProducerType.MULTI,
        new LiteBlockingWaitStrategy());
    this.buffer = disruptor.getRingBuffer();
    this.retryAfter = retryAfter;
    this.metrics = metrics;
    this.refusedFull = metrics.counter("homeostat_ring_full_refusals_total",
        "Export requests refused because the pipeline ring was full.");
    metrics.gauge("homeostat_ring_remaining_capacity", "Free slots in the pipeline ring.",
        buffer::remainingCapacity);
    metrics.gauge("homeostat_ring_capacity", "Slots in the pipeline ring.", buffer::getBufferSize);
  }

  /**
   * Adds a pipeline: its processors in order, then the fan-out to {@code exporters} (id to
   * exporter, in config order).
   */
  public void addPipeline(String id, Signal signal, List<Processor> stages, Map<String, Exporter> exporters) {
    List<FanOut.NamedExporter> named = new ArrayList<>();
    exporters.forEach((exporterId, exporter) -> named.add(new FanOut.NamedExporter(exporterId, exporter)));
    chains.put(id, new PipelineChain(id, stages, new FanOut(signal, named, retryAfter)));
    processors.addAll(stages);
  }

  /**
   * The entry a receiver or connector hands its requests of one signal to: they go to
   * {@code pipelineIds}, which may be added after this call but before {@link #start}.
   */
  public RequestConsumer entry(String receiverId, List<String> pipelineIds) {
    Route route = new Route(receiverId, pipelineIds);
    routes.add(route);
    return new RingEntry(buffer, route, gate, retryAfter, refusedFull);
  }

  /** Starts the pipeline thread, and the ticker when a processor asks for ticks. */
  public void start() {
    routes.forEach(route -> route.resolve(chains));
    handler = new PipelineHandler(List.copyOf(chains.values()),
        metrics.counter("homeostat_pipeline_failures_total",
            "Requests dropped because a processor threw; each one is a bug to report."),
        new RateLimitedLog(log, Duration.ofSeconds(10)));
    disruptor.handleEventsWith(handler);
    disruptor.handleExceptionsFor(handler).with(new LoggingExceptionHandler());
    disruptor.start();
    processors.stream().map(Processor::tickInterval).filter(d -> !d.isZero() && !d.isNegative())
        .min(Duration::compareTo)
        .map(d -> d.compareTo(MIN_TICK) < 0 ? MIN_TICK : d)
        .ifPresent(this::startTicker);
  }

  private void startTicker(Duration interval) {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "homeostat-pipeline-ticker");
      thread.setDaemon(true);
      return thread;
    });
    ticker.scheduleAtFixedRate(this::publishTick, interval.toNanos(), interval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void publishTick() {
    if (!gate.enter()) {
      return;
    }
    try {
      long sequence = buffer.tryNext();
      buffer.get(sequence).control(RingEvent.Kind.TICK);
      buffer.publish(sequence);
    } catch (com.lmax.disruptor.InsufficientCapacityException full) {
      // The pipeline thread is busy anyway; the next tick comes soon.
    } finally {
      gate.exit();
    }
  }

  /**
   * Waits, until {@code deadline}, for the pipeline thread to have handled every event published so
   * far, without closing the ring: connectors hand on their last data after this.
   */
  public void awaitQuiet(Deadline deadline) {
    if (handler == null) {
      return;
    }
    long published = buffer.getCursor();
    while (disruptor.getSequenceValueFor(handler) < published && !deadline.expired()) {
      java.util.concurrent.locks.LockSupport.parkNanos(100_000);
    }
  }

  /**
   * Stops taking requests, lets processors pass on what they hold, and waits until {@code deadline}
   * for the pipeline thread to handle everything already in the ring. Returns the number of events
   * it had to abandon (0 when all was handed to exporters).
   */
  public long drain(Deadline deadline) {
    if (handler == null) {
      return 0;
    }
    gate.closeAndAwait(deadline);
    if (ticker != null) {
      ticker.shutdownNow();
    }
    long sequence = buffer.next();
    buffer.get(sequence).control(RingEvent.Kind.FLUSH);
    buffer.publish(sequence);
    try {
      if (handler.flushed().await(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
        disruptor.shutdown(Math.max(1, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException e) {
      // Falls through to halt below.
    }
    long abandoned = buffer.getCursor() - disruptor.getSequenceValueFor(handler);
    disruptor.halt();
    return Math.max(0, abandoned);
  }

  /** Never lets an Error kill the pipeline thread silently. */
  private static final class LoggingExceptionHandler implements ExceptionHandler<RingEvent> {
    @Override
    public void handleEventException(Throwable e, long sequence, RingEvent event) {
      log.atError().addKeyValue("sequence", sequence).setCause(e)
          .log("the pipeline thread hit an error; it goes on with the next request");
    }

    @Override
    public void handleOnStartException(Throwable e) {
      log.atError().setCause(e).log("the pipeline thread failed to start");
    }

    @Override
    public void handleOnShutdownException(Throwable e) {
      log.atError().setCause(e).log("the pipeline thread failed while stopping");
    }
  }
}
