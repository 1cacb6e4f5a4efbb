package io.homeostat.server.pipeline;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import java.time.Duration;
import java.util.List;

/**
 * The end of a pipeline: offers the request to each of its exporters. Exporters share the
 * immutable request, so nothing is copied. When an exporter's queue is full the client is asked to
 * retry; exporters that did take the request will then see it twice (at-least-once delivery, as in
 * the OpenTelemetry Collector's fan-out).
 */
final class FanOut implements Downstream {

  private final Signal signal;
  private final Exporter[] exporters;
  private final Outcome[] refusals;

  FanOut(Signal signal, List<NamedExporter> exporters, Duration retryAfter) {
    this.signal = signal;
    this.exporters = exporters.stream().map(NamedExporter::exporter).toArray(Exporter[]::new);
    this.refusals = exporters.stream()
        .map(e -> new Outcome.Refused(retryAfter, "the queue of exporter " + e.id()
            + " is full; retry later"))
        .toArray(Outcome[]::new);
  }

  @Override
  public void accept(Message request, Ack ack) {
    Outcome outcome = Outcome.ACCEPTED;
    for (int i = 0; i < exporters.length; i++) {
      if (!exporters[i].offer(signal, request)) {
        outcome = refusals[i];
      }
    }
    ack.release(outcome);
  }

  /** An exporter with the id it was configured under, for messages. */
  record NamedExporter(String id, Exporter exporter) {}
}
