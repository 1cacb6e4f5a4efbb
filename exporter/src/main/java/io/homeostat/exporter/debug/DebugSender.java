package io.homeostat.exporter.debug;

import com.google.protobuf.Message;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.Sender;
import java.util.function.Consumer;

/** Logs each request as its {@link DebugFormatter} writes it, from the helper's consumer thread. */
final class DebugSender implements Sender {

  private final DebugFormatter formatter;
  private final Consumer<String> out;

  DebugSender(DebugFormatter formatter, Consumer<String> out) {
    this.formatter = formatter;
    this.out = out;
  }

  @Override
  public Outcome.Accepted send(Signal signal, Message request, Deadline deadline) {
    out.accept(formatter.format(signal, request));
    return Outcome.ACCEPTED;
  }
}
