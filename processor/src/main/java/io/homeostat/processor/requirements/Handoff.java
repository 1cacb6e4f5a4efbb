package io.homeostat.processor.requirements;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;

/** How a processed request leaves the processor, with the client's ack. */
final class Handoff {

  private Handoff() {}

  /**
   * Refuses the request when {@code refusal} is set; answers the client when nothing is left of
   * it ({@code empty}: every record held or dropped); else passes {@code out} on.
   */
  static void pass(Message request, Message out, boolean empty, String refusal, Ack ack,
      Downstream next) {
    if (refusal != null) {
      ack.release(new Outcome.Invalid(refusal));
    } else if (out != request && empty) {
      ack.accept();
    } else {
      next.accept(out, ack);
    }
  }
}
