package io.homeostat.homeostasis.engine;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.homeostasis.testing.Otlp.gauge;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.AlertListener;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.TargetState;
import io.homeostat.homeostasis.testing.Otlp;
import io.homeostat.homeostasis.testing.Yaml;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target's alert through the engine: for, resolving after for, min_samples, no data. */
class FiringLifecycleTest {

  static final String QUEUE = """
      targets:
        REQ-F-AUTH-001:
          metric: queue_depth
          target: 100
          operator: lte
          window: 30s
          for: 20s
          min_samples: 3
      """;

  @TempDir
  Path dir;

  /** One gauge point of {@code value} every 5 s for {@code seconds}, evaluating after each. */
  private static List<Evaluation> run(EngineHarness h, double value, int seconds) {
    List<Evaluation> evaluations = new ArrayList<>();
    for (int s = 0; s < seconds; s += 5) {
      h.send(metrics(gauge("queue_depth", point(h.now(), 0, value, Otlp.attr("req", "REQ-F-AUTH-001")))));
      h.advance(Duration.ofSeconds(5));
      evaluations.add(h.evaluate());
    }
    return evaluations;
  }

  @Test
  void firesOnceAfterForIsStillFiringWhileItHoldsAndResolvesOnceAfterForClear() {
    try (EngineHarness h = new EngineHarness(QUEUE, dir)) {
      run(h, 50, 60);
      assertEquals(TargetState.OK, h.evaluate().state());
      List<Evaluation> rising = run(h, 500, 60);
      assertEquals(TargetState.FIRING, rising.get(rising.size() - 1).state());
      assertEquals(1, h.listener.of("firing").size());
      List<Evaluation> recovering = run(h, 20, 90);
      assertEquals(TargetState.OK, recovering.get(recovering.size() - 1).state());
      assertEquals(1, h.listener.of("resolved").size());
      RecordingCalls.assertOrder(h.listener.calls, "firing", "still", "resolved");
      assertEquals(h.listener.of("firing").get(0).startsAt(), h.listener.of("resolved").get(0).startsAt());
    }
  }

  @Test
  void theConditionMustHoldForItsForBeforeItFires() {
    try (EngineHarness h = new EngineHarness(QUEUE, dir)) {
      run(h, 500, 15);
      // Three points are in: a verdict. The condition holds from the first evaluation with one.
      Evaluation deviating = h.evaluate();
      assertEquals(TargetState.DEVIATING, deviating.state());
      h.advance(Duration.ofSeconds(14));
      h.send(metrics(gauge("queue_depth", point(h.now(), 0, 500, Otlp.attr("req", "REQ-F-AUTH-001")))));
      assertEquals(TargetState.DEVIATING, h.evaluate().state());
      h.advance(Duration.ofSeconds(6));
      assertEquals(TargetState.FIRING, h.evaluate().state());
    }
  }

  @Test
  void fewerThanMinSamplesGiveNoVerdictSoOneSlowPointPagesNobody() {
    try (EngineHarness h = new EngineHarness(QUEUE, dir)) {
      for (int i = 0; i < 20; i++) {
        h.send(metrics(gauge("queue_depth", point(h.now(), 0, 5000, Otlp.attr("req", "REQ-F-AUTH-001")))));
        h.advance(Duration.ofSeconds(20));
        Evaluation evaluation = h.evaluate();
        assertEquals(TargetState.OK, evaluation.state());
        assertTrue(evaluation.samples() < 3);
      }
      assertEquals(0, h.listener.calls.size());
    }
  }

  @Test
  void aFiringTargetWhoseTrafficDrainsAwayResolvesAfterFor() {
    try (EngineHarness h = new EngineHarness(QUEUE, dir)) {
      run(h, 500, 60);
      assertEquals(1, h.listener.of("firing").size());
      for (int s = 0; s < 60; s += 5) {
        h.advance(Duration.ofSeconds(5));
        h.evaluate();
      }
      assertEquals(1, h.listener.of("resolved").size());
      assertEquals(TargetState.OK, h.evaluate().state());
    }
  }

  @Test
  void notifyNoDataFiresWhenTheTelemetryStopsForThatLong() {
    String yaml = QUEUE + "    notify_no_data: 45s\n";
    try (EngineHarness h = new EngineHarness(yaml, dir)) {
      run(h, 50, 30);
      // The last point came 5 s ago; 40 s of silence is not yet 45 s.
      h.advance(Duration.ofSeconds(35));
      Evaluation quiet = h.evaluate();
      assertFalse(quiet.noData());
      assertEquals(TargetState.OK, quiet.state());
      h.advance(Duration.ofSeconds(10));
      Evaluation silent = h.evaluate();
      assertTrue(silent.noData());
      assertEquals(TargetState.FIRING, silent.state());
      assertEquals(1, h.listener.of("firing").size());
      assertTrue(h.listener.of("firing").get(0).evaluation().noData());
      List<Evaluation> back = run(h, 50, 60);
      assertFalse(back.get(back.size() - 1).noData());
      assertEquals(TargetState.OK, back.get(back.size() - 1).state());
      assertEquals(1, h.listener.of("resolved").size());
    }
  }

  @Test
  void withoutNotifyNoDataSilenceIsJustNoVerdict() {
    try (EngineHarness h = new EngineHarness(QUEUE, dir)) {
      h.advance(Duration.ofHours(1));
      Evaluation evaluation = h.evaluate();
      assertFalse(evaluation.noData());
      assertEquals(TargetState.OK, evaluation.state());
      assertTrue(Double.isNaN(evaluation.actual()));
    }
  }

  @Test
  void aListenerThatThrowsIsCountedAndTheEngineGoesOn() {
    AlertListener failing = new AlertListener() {
      @Override
      public void firing(Evaluation evaluation, Instant startsAt) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void resolved(Evaluation evaluation, Instant startsAt, Instant endsAt) {}
    };
    ManualClock clock = new ManualClock();
    MetricRegistry registry = new MetricRegistry();
    try (HomeostasisEngine engine = new HomeostasisEngine(Yaml.targets(QUEUE), failing, dir, registry, clock)) {
      for (int s = 0; s < 60; s += 5) {
        var request = metrics(gauge("queue_depth", point(clock.nanos(), 0, 500, Otlp.attr("req", "REQ-F-AUTH-001"))));
        engine.observe(Signal.METRICS, request);
        clock.advance(Duration.ofSeconds(5));
        engine.evaluate(clock.instant());
      }
      assertEquals(TargetState.FIRING, engine.evaluations().get(0).state());
      assertEquals(1, registry.value("homeostat_homeostasis_listener_failures_total"));
    }
  }
}
