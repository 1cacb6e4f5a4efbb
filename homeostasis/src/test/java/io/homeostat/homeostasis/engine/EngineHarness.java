package io.homeostat.homeostasis.engine;

import static io.homeostat.homeostasis.testing.Otlp.attr;
import static io.homeostat.homeostasis.testing.Otlp.gauge;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;

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

  /** A gauge target that fires after 30 s over 100 and needs 3 points in its 1 m window. */
  static final String QUEUE = """
      targets:
        REQ-F-AUTH-001: { metric: queue_depth, target: 100, operator: lte, window: 1m, for: 30s, min_samples: 3 }
      """;

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

  /** Sends a {@code queue_depth} of {@code value} and evaluates, every 5 s for {@code seconds}. */
  void queueDepth(double value, int seconds) {
    for (int s = 0; s < seconds; s += 5) {
      send(metrics(gauge("queue_depth", point(now(), 0, value, attr("req", "REQ-F-AUTH-001")))));
      advance(Duration.ofSeconds(5));
      evaluate();
    }
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
