package io.homeostat.homeostasis.engine;

import static io.homeostat.homeostasis.testing.Otlp.attr;
import static io.homeostat.homeostasis.testing.Otlp.counter;
import static io.homeostat.homeostasis.testing.Otlp.metrics;
import static io.homeostat.homeostasis.testing.Otlp.point;
import static io.homeostat.homeostasis.testing.Otlp.span;
import static io.homeostat.homeostasis.testing.Otlp.traces;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.testing.RecordingListener;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay simulator (as Caffeine's simulator replays traces to judge its policies): generated
 * traffic with a fixed seed, second by second, through the engine with a fake clock, evaluated
 * every 5 s, with DESIGN.md's targets and their default windows (5m) and for (1m).
 */
class ReplaySimulatorTest {

  static final String TARGETS = """
      targets:
        REQ-NFR-PERF-001: { span: auth.login, target: 500, operator: lt, alert_threshold: 0.95 }
        REQ-F-AUTH-001:
          name: login_success_rate
          ratio:
            good: { metric: login_attempts, attributes: { status: success } }
            total: { metric: login_attempts }
          target: 0.99
          operator: gte
          alert_threshold: 0.98
      """;
  static final long SEED = 20261121;

  @TempDir
  Path dir;

  /** How one second of traffic looks. */
  record Phase(int seconds, double loginsPerSecond, double medianMillis, double sigma, double slowShare,
      double failureShare) {}

  /** Replays the phases; returns the latency target's evaluations. */
  private static List<Evaluation> replay(EngineHarness h, Random random, List<Phase> phases) {
    List<Evaluation> latency = new ArrayList<>();
    for (Phase phase : phases) {
      for (int s = 0; s < phase.seconds(); s++) {
        int logins = poisson(random, phase.loginsPerSecond());
        List<Span> spans = new ArrayList<>(logins);
        int failures = 0;
        for (int i = 0; i < logins; i++) {
          double millis = random.nextDouble() < phase.slowShare()
              ? 600 + random.nextDouble() * 1400
              : phase.medianMillis() * Math.exp(random.nextGaussian() * phase.sigma());
          long end = h.now() - (long) (random.nextDouble() * 900_000_000L);
          spans.add(span("auth.login", "REQ-NFR-PERF-001", end, millis));
          failures += random.nextDouble() < phase.failureShare() ? 1 : 0;
        }
        if (logins > 0) {
          h.send(traces(spans));
          h.send(metrics(counter("login_attempts", false,
              point(h.now(), 0, logins - failures, attr("status", "success"), attr("req", "REQ-F-AUTH-001")),
              point(h.now(), 0, failures, attr("status", "failure"), attr("req", "REQ-F-AUTH-001")))));
        }
        h.advance(Duration.ofSeconds(1));
        if (h.clock.instant().getEpochSecond() % 5 == 0) {
          h.engine.evaluate(h.clock.instant());
          latency.add(h.engine.evaluations().get(0));
        }
      }
    }
    return latency;
  }

  private static int poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  @Test
  void aLatencyRegressionFiresOnceAndResolvesOnceAfterRecovery() {
    try (EngineHarness h = new EngineHarness(TARGETS, dir)) {
      Instant start = h.clock.instant();
      Phase healthy = new Phase(15 * 60, 20, 120, 0.5, 0, 0.004);
      Phase regression = new Phase(10 * 60, 20, 450, 0.4, 0, 0.004);
      replay(h, new Random(SEED), List.of(healthy, regression, healthy));

      List<RecordingListener.Call> firing = h.listener.of("firing");
      List<RecordingListener.Call> resolved = h.listener.of("resolved");
      assertEquals(1, firing.size(), "firing: " + firing);
      assertEquals(1, resolved.size(), "resolved: " + resolved);
      RecordingCalls.assertOrder(h.listener.calls, "firing", "still", "resolved");
      Evaluation fired = firing.get(0).evaluation();
      assertEquals("REQ-NFR-PERF-001", fired.key().requirement());
      assertEquals("critical", fired.severity());
      assertTrue(fired.actual() > 500, "p95 " + fired.actual());
      assertEquals(5, fired.exemplars().size());
      Instant onset = start.plus(Duration.ofMinutes(15));
      Instant recovery = onset.plus(Duration.ofMinutes(10));
      // Fires once the window is mostly slow and the condition has held for 1m; resolves once the
      // slow minutes have left the 5m window and it has been clear for 1m.
      assertTrue(firing.get(0).startsAt().isAfter(onset.plus(Duration.ofMinutes(1))), "fired " + firing.get(0).startsAt());
      assertTrue(firing.get(0).startsAt().isBefore(onset.plus(Duration.ofMinutes(5))), "fired " + firing.get(0).startsAt());
      assertTrue(resolved.get(0).endsAt().isAfter(recovery.plus(Duration.ofMinutes(1))), "resolved " + resolved.get(0).endsAt());
      assertTrue(resolved.get(0).endsAt().isBefore(recovery.plus(Duration.ofMinutes(7))), "resolved " + resolved.get(0).endsAt());
    }
  }

  @Test
  void aNoisyButHealthyStreamFiresNothing() {
    try (EngineHarness h = new EngineHarness(TARGETS, dir)) {
      // About 2 % of logins over 500 ms, in bursts 3 % for a minute, and 0.6 % failing: all within target.
      Phase busy = new Phase(10 * 60, 40, 120, 0.5, 0.015, 0.006);
      Phase burst = new Phase(60, 200, 150, 0.55, 0.02, 0.008);
      // A quiet stretch: a login every few seconds, some of them slow, too few for any verdict.
      Phase quiet = new Phase(8 * 60, 0.015, 300, 0.8, 0.4, 0.2);
      List<Evaluation> latency = replay(h, new Random(SEED + 1), List.of(busy, burst, busy, quiet, busy, burst, busy));
      assertEquals(0, h.listener.calls.size(), () -> "first: " + h.listener.calls.get(0));
      assertTrue(latency.stream().anyMatch(e -> e.samples() > 0 && e.samples() < 10 && e.compliance() < 0.95),
          "the quiet stretch had windows that only min_samples kept from paging");
    }
  }
}
