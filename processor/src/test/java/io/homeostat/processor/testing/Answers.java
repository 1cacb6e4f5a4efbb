package io.homeostat.processor.testing;

import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Outcome;
import java.util.ArrayList;
import java.util.List;

/** The client's side of acks: records each outcome a request was answered with. */
public final class Answers {

  public final List<Outcome> outcomes = new ArrayList<>();

  /** A fresh ack whose completion is recorded here. */
  public Ack ack() {
    return Ack.of(outcomes::add);
  }

  public int count() {
    return outcomes.size();
  }
}
