package io.homeostat.processor.memorylimiter;

import com.google.protobuf.Message;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.telemetry.Counter;

/**
 * Refuses new data with a retryable {@link Outcome.Refused} (503 / {@code UNAVAILABLE} with a
 * retry delay) while {@link HeapWatch} says used heap is above the soft limit; otherwise passes the
 * request on untouched. The decision is one volatile read: nothing is measured on the pipeline
 * thread.
 */
final class MemoryLimiterProcessor implements Processor {

  private final HeapWatch watch;
  private final Outcome.Refused refusal;
  private final Counter refused;

  MemoryLimiterProcessor(HeapWatch watch, Outcome.Refused refusal, Counter refused) {
    this.watch = watch;
    this.refusal = refusal;
    this.refused = refused;
  }

  @Override
  public void start() {
    watch.acquire();
  }

  @Override
  public void shutdown(Deadline deadline) {
    watch.release(deadline.remaining());
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    if (watch.refusing()) {
      refused.add(OtlpRequests.itemCount(request));
      ack.release(refusal);
    } else {
      next.accept(request, ack);
    }
  }
}
