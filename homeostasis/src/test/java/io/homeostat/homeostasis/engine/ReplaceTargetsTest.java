package io.homeostat.homeostasis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.TargetState;
import io.homeostat.homeostasis.testing.Yaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New targets from a changed catalog, taken without a restart. */
class ReplaceTargetsTest {

  @TempDir
  Path dir;

  private static Evaluation only(EngineHarness h) {
    assertEquals(1, h.engine.evaluations().size());
    return h.engine.evaluations().get(0);
  }

  @Test
  void anUnchangedTargetKeepsItsWindowWhereverItIsWritten() {
    try (EngineHarness h = new EngineHarness(EngineHarness.QUEUE, dir)) {
      h.queueDepth(50, 30);
      long samples = only(h).samples();
      HomeostasisEngine.Replaced replaced = h.engine.replace(Yaml.targets("\n\n" + EngineHarness.QUEUE));
      assertEquals(new HomeostasisEngine.Replaced(0, 0, 0), replaced);
      h.evaluate();
      assertEquals(samples, only(h).samples(), "the same window");
    }
  }

  @Test
  void aChangedTargetStartsANewWindowAndKeepsFiringWithoutPagingAgain() {
    try (EngineHarness h = new EngineHarness(EngineHarness.QUEUE, dir)) {
      h.queueDepth(500, 60);
      assertEquals(1, h.listener.of("firing").size());

      HomeostasisEngine.Replaced replaced = h.engine.replace(Yaml.targets(EngineHarness.QUEUE.replace("100", "400")));
      assertEquals(new HomeostasisEngine.Replaced(0, 1, 0), replaced);
      h.queueDepth(500, 30);
      assertEquals(1, h.listener.of("firing").size(), "no second page for the same alert");
      assertEquals(TargetState.FIRING, only(h).state());
      assertEquals(400, only(h).target());
      assertTrue(only(h).samples() <= 6, "a new window: " + only(h).samples());

      h.queueDepth(200, 120);
      assertEquals(1, h.listener.of("resolved").size(), "200 meets the new target of 400");
      assertEquals(h.listener.of("firing").get(0).startsAt(), h.listener.of("resolved").get(0).startsAt());
    }
  }

  @Test
  void aRemovedFiringTargetResolvesAndANewOneIsWatched() {
    try (EngineHarness h = new EngineHarness(EngineHarness.QUEUE, dir)) {
      h.queueDepth(500, 60);
      assertEquals(1.0, h.metrics.value("homeostat_homeostasis_status",
          "requirement", "REQ-F-AUTH-001", "target", "queue_depth") / 2);

      HomeostasisEngine.Replaced replaced = h.engine.replace(Yaml.targets("""
          targets:
            REQ-F-AUTH-001: { metric: login_latency_ms, target: 500, operator: lt, min_samples: 3 }
          """));
      assertEquals(new HomeostasisEngine.Replaced(1, 0, 1), replaced);
      assertEquals(1, h.listener.of("resolved").size(), "the alert of a target that is gone ends");
      assertEquals("queue_depth", h.listener.of("resolved").get(0).evaluation().metric());
      assertTrue(Double.isNaN(h.metrics.value("homeostat_homeostasis_status",
          "requirement", "REQ-F-AUTH-001", "target", "queue_depth")), "its gauges are gone");
      h.evaluate();
      assertEquals("login_latency_ms", only(h).metric());
    }
  }
}
