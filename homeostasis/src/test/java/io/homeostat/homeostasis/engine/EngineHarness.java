package io.homeostat.homeostasis.engine;

import io.homeostat.core.testing.ManualClock;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.testing.RecordingListener;
import io.homeostat.homeostasis.testing.Yaml;
import java.nio.file.Path;
import java.time.Duration;

/** An engine over targets written in YAML, with a fake clock and a listener that records. */
final class EngineHarness implements AutoCloseable {

  final ManualClock clock;
  final RecordingListener listener = new RecordingListener();
  final MetricRegistry metrics = new MetricRegistry();
  final HomeostasisEngine engine;

  EngineHarness(String yaml, Path stateDir) {
    this(yaml, stateDir, new ManualClock());
  }

  EngineHarness(String yaml, Path stateDir, ManualClock clock) {
    this.clock = clock;
    this.engine = new HomeostasisEngine(Yaml.targets(yaml), listener, stateDir, metrics, clock);
  }

  /** Shows {@code request} to the engine, as the homeostasis processor does. */
  void send(Message request) {
    engine.observe(OtlpRequests.signalOf(request), request);
  }

  /** Evaluates now and returns the first target's evaluation. */
  Evaluation evaluate() {
    engine.evaluate(clock.instant());
    return engine.evaluations().get(0);
  }

  void advance(Duration by) {
    clock.advance(by);
  }

  /** Now, in nanoseconds since the epoch: for record timestamps. */
  long now() {
    return clock.nanos();
  }

  @Override
  public void close() {
    engine.close();
  }
}
