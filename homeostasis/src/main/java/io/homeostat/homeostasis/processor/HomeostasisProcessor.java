package io.homeostat.homeostasis.processor;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.model.HomeostasisStage;
import io.homeostat.homeostasis.model.RecordObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Shows each request of its pipeline to the homeostasis stage's observers and passes it on
 * unchanged, with its ack: it never holds, copies or drops data. An observer that throws is counted
 * and logged; the request goes on regardless.
 */
final class HomeostasisProcessor implements Processor {

  private final Signal signal;
  private final HomeostasisStage stage;
  private final TickGate gate;
  private final Clock clock;
  private final Counter failures;
  private final RateLimitedLog log;

  HomeostasisProcessor(Signal signal, HomeostasisStage stage, TickGate gate, Clock clock,
      Counter failures, RateLimitedLog log) {
    this.signal = signal;
    this.stage = stage;
    this.gate = gate;
    this.clock = clock;
    this.failures = failures;
    this.log = log;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    List<RecordObserver> observers = stage.observers();
    for (int i = 0; i < observers.size(); i++) {
      try {
        observers.get(i).observe(signal, request);
      } catch (RuntimeException e) {
        failures.inc();
        log.warn("observe", "a homeostasis observer failed on a " + signal.configName()
            + " request, which goes on unobserved: this is a bug, report it with the error", e);
      }
    }
    next.accept(request, ack);
  }

  @Override
  public Duration tickInterval() {
    return stage.tickInterval();
  }

  @Override
  public void onTick(long nanoTime, Downstream next) {
    if (gate.due(nanoTime, stage.tickInterval())) {
      stage.onTick(clock.instant());
    }
  }
}
