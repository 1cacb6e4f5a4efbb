package io.homeostat.processor.batch;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.processor.support.RequestMerge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The Collector's batch processor: gathers the requests of one pipeline and hands them on as one
 * when {@code send_batch_size} items are gathered or {@code timeout} after the first came, split
 * into parts of at most {@code send_batch_max_size} items.
 *
 * <p>The batch keeps its clients' acks ({@link Ack#allOf}) instead of answering them when it takes
 * their data: a client is answered once its items were handed on, so a client waits up to
 * {@code timeout} longer, and a full exporter queue still reaches it as a retryable refusal.
 * Each part of a split batch carries its own reference on the batch's acks.
 */
final class BatchProcessor implements Processor {

  /** The {@code trigger} label of the batches counter. */
  enum Trigger { SIZE, TIMEOUT, FLUSH }

  private final int sendBatchSize;
  private final long timeoutNanos;
  private final int maxSize;
  private final Duration tickInterval;
  private final LongSupplier clock;
  private final Counter[] batches;
  private final List<Message> requests = new ArrayList<>();
  private final List<Ack> acks = new ArrayList<>();
  private int items;
  private long firstNanos;

  /**
   * @param batches the batches counter for each {@link Trigger}, by ordinal
   */
  BatchProcessor(BatchConfig config, Counter[] batches, LongSupplier clock) {
    this.sendBatchSize = config.sendBatchSize();
    this.timeoutNanos = config.timeout().toNanos();
    this.maxSize = config.sendBatchMaxSize();
    this.tickInterval = ticks(config.timeout());
    this.batches = batches;
    this.clock = clock;
  }

  /** A tenth of the timeout, at least 10 ms: how late past its timeout a batch may leave. */
  static Duration ticks(Duration timeout) {
    if (timeout.isZero()) {
      return Duration.ZERO;
    }
    Duration tenth = timeout.dividedBy(10);
    return tenth.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : tenth;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    int count = OtlpRequests.itemCount(request);
    if (count == 0) {
      ack.accept();
      return;
    }
    if (timeoutNanos == 0) {
      send(request, ack, next);
      return;
    }
    if (requests.isEmpty()) {
      firstNanos = clock.getAsLong();
    }
    requests.add(request);
    acks.add(ack);
    items += count;
    if (sendBatchSize > 0 && items >= sendBatchSize) {
      sendBatch(Trigger.SIZE, next);
    }
  }

  @Override
  public Duration tickInterval() {
    return tickInterval;
  }

  @Override
  public void onTick(long nanoTime, Downstream next) {
    if (!requests.isEmpty() && nanoTime - firstNanos >= timeoutNanos) {
      sendBatch(Trigger.TIMEOUT, next);
    }
  }

  @Override
  public void flush(Downstream next) {
    if (!requests.isEmpty()) {
      sendBatch(Trigger.FLUSH, next);
    }
  }

  private void sendBatch(Trigger trigger, Downstream next) {
    Message batch = RequestMerge.of(requests);
    Ack ack = Ack.allOf(acks);
    requests.clear();
    acks.clear();
    items = 0;
    batches[trigger.ordinal()].inc();
    send(batch, ack, next);
  }

  private void send(Message request, Ack ack, Downstream next) {
    if (maxSize == 0) {
      next.accept(request, ack);
      return;
    }
    List<Message> parts = Splitter.split(request, maxSize);
    for (int i = 1; i < parts.size(); i++) {
      ack.retain();
    }
    for (Message part : parts) {
      next.accept(part, ack);
    }
  }
}
