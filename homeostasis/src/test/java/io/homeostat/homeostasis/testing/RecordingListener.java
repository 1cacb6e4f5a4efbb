package io.homeostat.homeostasis.testing;

import io.homeostat.homeostasis.model.AlertListener;
import io.homeostat.homeostasis.model.Evaluation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps every notification the engine gives, in order. */
public final class RecordingListener implements AlertListener {

  /** One notification: {@code firing}, {@code still} or {@code resolved}. */
  public record Call(String kind, Evaluation evaluation, Instant startsAt, Instant endsAt) {}

  public final List<Call> calls = new ArrayList<>();

  @Override
  public void firing(Evaluation evaluation, Instant startsAt) {
    calls.add(new Call("firing", evaluation, startsAt, null));
  }

  @Override
  public void stillFiring(Evaluation evaluation, Instant startsAt) {
    calls.add(new Call("still", evaluation, startsAt, null));
  }

  @Override
  public void resolved(Evaluation evaluation, Instant startsAt, Instant endsAt) {
    calls.add(new Call("resolved", evaluation, startsAt, endsAt));
  }

  /** The notifications of one kind. */
  public List<Call> of(String kind) {
    return calls.stream().filter(c -> c.kind().equals(kind)).toList();
  }
}
