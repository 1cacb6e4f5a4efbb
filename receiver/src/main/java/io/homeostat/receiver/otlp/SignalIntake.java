package io.homeostat.receiver.otlp;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Completion;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;

/**
 * Where both transports hand one signal's decoded requests: records whose ids cannot be right are
 * taken out and reported to the client as partial success, the rest goes to the pipelines, and
 * every item is counted as accepted or refused once the pipelines have answered.
 */
final class SignalIntake {

  private final Signal signal;
  private final RequestConsumer consumer;
  private final Counter accepted;
  private final Counter refused;
  private final RateLimitedLog warnings;

  SignalIntake(String receiver, Transport transport, Signal signal, RequestConsumer consumer,
      MetricRegistry metrics, RateLimitedLog warnings) {
    this.signal = signal;
    this.consumer = consumer;
    this.warnings = warnings;
    String item = signal.itemName().replace('_', ' ');
    this.accepted = metrics.counter("homeostat_receiver_accepted_" + signal.itemName() + "_total",
        "Number of " + item + " the receiver handed to the pipelines and they accepted.",
        "receiver", receiver, "transport", transport.label());
    this.refused = metrics.counter("homeostat_receiver_refused_" + signal.itemName() + "_total",
        "Number of " + item + " the receiver did not get accepted: refused, invalid or rejected.",
        "receiver", receiver, "transport", transport.label());
  }

  Signal signal() {
    return signal;
  }

  /**
   * Takes one decoded request; {@code answer} is called exactly once with what to tell the
   * client, perhaps before this method returns.
   */
  void submit(Message request, Completion answer) {
    int items = OtlpRequests.itemCount(request);
    RecordIds.Checked checked = RecordIds.check(request);
    if (checked.rejected() == 0) {
      consumer.consume(request, outcome -> {
        count(outcome, items);
        answer.complete(outcome);
      });
      return;
    }
    Outcome.Accepted rejection = new Outcome.Accepted(checked.rejected(), checked.problem());
    warnings.warn("invalid-ids-" + signal.configName(), "dropped " + signal.itemName()
        + " with malformed ids from a client (check its instrumentation): " + checked.problem(),
        null);
    if (checked.rejected() == items) {
      count(rejection, items);
      answer.complete(rejection);
      return;
    }
    consumer.consume(checked.request(), outcome -> {
      Outcome combined = Outcome.combine(rejection, outcome);
      count(combined, items);
      answer.complete(combined);
    });
  }

  /** Counts {@code request} as refused without handing it on: the receiver is shutting down. */
  void countRefused(Message request) {
    refused.add(OtlpRequests.itemCount(request));
  }

  private void count(Outcome outcome, int items) {
    if (outcome instanceof Outcome.Accepted taken) {
      long rejected = Math.min(taken.rejected(), items);
      accepted.add(items - rejected);
      refused.add(rejected);
    } else {
      refused.add(items);
    }
  }
}
