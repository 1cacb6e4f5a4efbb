package io.homeostat.server.pipeline;

import com.lmax.disruptor.EventHandler;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.RateLimitedLog;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The pipeline thread: runs each request through every pipeline of its route, and drives ticks and
 * the final flush. It also clears each slot once handled; a separate clearing stage would be a
 * second thread waiting on this one, which costs CPU for nothing here.
 *
 * <p>A processor that throws is a bug, not bad data: the request is answered as invalid (so the
 * client does not resend it forever), counted, and logged at a limited rate; the thread goes on.
 */
final class PipelineHandler implements EventHandler<RingEvent> {

  private final List<PipelineChain> chains;
  private final Counter failures;
  private final RateLimitedLog log;
  private final CountDownLatch flushed = new CountDownLatch(1);

  PipelineHandler(List<PipelineChain> chains, Counter failures, RateLimitedLog log) {
    this.chains = chains;
    this.failures = failures;
    this.log = log;
  }

  @Override
  public void onEvent(RingEvent event, long sequence, boolean endOfBatch) {
    try {
      switch (event.kind) {
        case DATA -> dispatch(event);
        case TICK -> {
          long now = System.nanoTime();
          for (PipelineChain chain : chains) {
            guarded(chain, () -> chain.tick(now));
          }
        }
        case FLUSH -> {
          for (PipelineChain chain : chains) {
            guarded(chain, chain::flush);
          }
          flushed.countDown();
        }
      }
    } finally {
      event.clear();
    }
  }

  /** Released once the flush event has been handled. */
  CountDownLatch flushed() {
    return flushed;
  }

  private void dispatch(RingEvent event) {
    PipelineChain[] route = event.route.chains();
    Ack ack = event.ack;
    for (int i = 0; i < route.length; i++) {
      if (i < route.length - 1) {
        ack.retain();
      }
      PipelineChain chain = route[i];
      try {
        chain.consume(event.request, ack);
      } catch (RuntimeException e) {
        failed(chain, e);
        releaseAfterFailure(ack, chain);
      }
    }
  }

  private void guarded(PipelineChain chain, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      failed(chain, e);
    }
  }

  private void failed(PipelineChain chain, RuntimeException e) {
    failures.inc();
    log.warn("pipeline-failure/" + chain.id(), "a processor of pipeline " + chain.id()
        + " failed; the request was dropped and answered as invalid. This is a bug: please report"
        + " it with this log line", e);
  }

  private static void releaseAfterFailure(Ack ack, PipelineChain chain) {
    try {
      ack.release(new Outcome.Invalid("internal error in pipeline " + chain.id()
          + "; the request was dropped (see the server log)"));
    } catch (IllegalStateException alreadyReleased) {
      // The processor had passed the request on before it threw; its answer is already under way.
    }
  }
}
