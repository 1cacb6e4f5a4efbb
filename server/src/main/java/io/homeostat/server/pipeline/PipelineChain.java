package io.homeostat.server.pipeline;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import java.util.List;

/**
 * One pipeline, wired once: each processor's {@link Downstream} is the next processor (or the
 * fan-out), built at start so that passing a request along allocates nothing. Only the pipeline
 * thread calls it.
 */
final class PipelineChain {

  private final String id;
  private final Processor[] processors;
  /** {@code next[i]} is what follows processor {@code i}. */
  private final Downstream[] next;
  private final Downstream entry;

  PipelineChain(String id, List<Processor> processors, Downstream fanOut) {
    this.id = id;
    this.processors = processors.toArray(Processor[]::new);
    this.next = new Downstream[this.processors.length];
    Downstream following = fanOut;
    for (int i = this.processors.length - 1; i >= 0; i--) {
      next[i] = following;
      Processor processor = this.processors[i];
      Downstream after = following;
      following = (request, ack) -> processor.process(request, ack, after);
    }
    this.entry = following;
  }

  String id() {
    return id;
  }

  void consume(Message request, Ack ack) {
    entry.accept(request, ack);
  }

  void tick(long nanoTime) {
    for (int i = 0; i < processors.length; i++) {
      processors[i].onTick(nanoTime, next[i]);
    }
  }

  /** Lets every processor pass on what it holds, first to last, so nothing is left behind. */
  void flush() {
    for (int i = 0; i < processors.length; i++) {
      processors[i].flush(next[i]);
    }
  }
}
