package io.homeostat.processor.support;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.RateLimitedLog;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Hands on data a processor held after its clients were already answered, and keeps what the
 * downstream refuses (a full exporter queue) to try again.
 *
 * <p>Processors that hold data for seconds (trace inheritance, tail sampling) answer the client
 * when they take the data, as the Collector's groupbytrace and tail-sampling processors do:
 * holding the client's call would stall SDKs that export one batch at a time. Backpressure then
 * cannot reach the client, so this class absorbs it: a refused request is kept (up to
 * {@code maxPending}) and offered again at every {@link #retry}. Only what exceeds the budget,
 * or is still refused at {@link #flush}, is dropped — counted, and logged at a limited rate.
 * Everything runs on the pipeline thread.
 */
public final class Redelivery {

  private final int maxPending;
  private final Counter dropped;
  private final RateLimitedLog log;
  private final String owner;
  private final Deque<Message> pending = new ArrayDeque<>();

  /**
   * @param owner the processor's id, for the log line
   * @param maxPending refused requests kept for another try
   * @param dropped counts the items that could not be delivered
   */
  public Redelivery(String owner, int maxPending, Counter dropped, RateLimitedLog log) {
    this.owner = owner;
    this.maxPending = maxPending;
    this.dropped = dropped;
    this.log = log;
  }

  /** Hands {@code request} on; if the downstream refuses it, keeps it for {@link #retry}. */
  public void emit(Message request, Downstream next) {
    next.accept(request, Ack.of(outcome -> {
      if (outcome instanceof Outcome.Refused) {
        keep(request);
      }
    }));
  }

  /** Offers every kept request again, oldest first; call it from {@code onTick}. */
  public void retry(Downstream next) {
    for (int n = pending.size(); n > 0; n--) {
      emit(pending.pollFirst(), next);
    }
  }

  /** A last try at shutdown; what is still refused is dropped and counted. */
  public void flush(Downstream next) {
    retry(next);
    while (!pending.isEmpty()) {
      drop(pending.pollFirst(), "the server is stopping");
    }
  }

  /** Requests waiting for another try. */
  public int pending() {
    return pending.size();
  }

  private void keep(Message request) {
    pending.addLast(request);
    while (pending.size() > maxPending) {
      drop(pending.pollFirst(), "more than " + maxPending + " requests were refused in a row");
    }
  }

  private void drop(Message request, String why) {
    dropped.add(OtlpRequests.itemCount(request));
    log.warn("redelivery-dropped/" + owner, "processor " + owner + " dropped data it had already"
        + " acknowledged because the exporters kept refusing it (" + why + "); check the exporters'"
        + " queues and backends (homeostat_exporter_queue_size)", null);
  }
}
