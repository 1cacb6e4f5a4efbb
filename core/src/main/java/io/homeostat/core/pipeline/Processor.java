package io.homeostat.core.pipeline;

import com.google.protobuf.Message;
import io.homeostat.core.component.Lifecycle;
import java.time.Duration;

/**
 * One stage of one pipeline. Every method is called on the pipeline thread, one call at a time, so
 * implementations need no locks for their own state.
 *
 * <p>Requests are immutable protobuf messages shared by every pipeline that received them: a
 * processor that changes data builds a new message (copy on write) and passes that on. A processor
 * that leaves a request as it is passes the same instance, which costs nothing.
 */
public interface Processor extends Lifecycle {

  /**
   * Handles one request of this pipeline's signal. The processor owns one reference on {@code ack}
   * and must pass it on with data (now, or later from {@link #onTick}) or release it: with
   * {@link Outcome#ACCEPTED} when it dropped everything on purpose, with {@link Outcome.Invalid}
   * to refuse the request.
   */
  void process(Message request, Ack ack, Downstream next);

  /**
   * How often this processor wants {@link #onTick}; {@link Duration#ZERO} (the default) for never.
   * Processors that hold data (batching, waiting for a trace's parent) use ticks to let it go.
   */
  default Duration tickInterval() {
    return Duration.ZERO;
  }

  /** Called on the pipeline thread about every {@link #tickInterval()}. */
  default void onTick(long nanoTime, Downstream next) {}

  /** Passes on everything still held, at shutdown. Called on the pipeline thread. */
  default void flush(Downstream next) {}
}
