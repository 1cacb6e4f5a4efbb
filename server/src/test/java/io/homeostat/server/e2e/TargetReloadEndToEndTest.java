package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homeostat.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team edits the targets in its catalog; the running server takes them, or keeps the old ones if broken. */
class TargetReloadEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** A server that judges the targets of {@code catalog.yaml}, checked every {@code reloadInterval}. */
  static String config(String reloadInterval) {
    return """
        receivers:
          otlp: { protocols: { http: { endpoint: "127.0.0.1:0" } } }
        processors:
          homeostasis:
        exporters:
          nop:
        homeostasis:
          evaluation_interval: 100ms
          reload_interval: %s
          catalogs: [catalog.yaml]
        service:
          data_dir: state
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], processors: [homeostasis], exporters: [nop] }
        """.formatted(reloadInterval);
  }

  /** A catalog of REQ-NFR-PERF-001 with {@code target} as its one homeostasis target. */
  static String catalog(String target) {
    return """
        requirements:
          - { id: REQ-NFR-PERF-001, title: Login responds within 500 ms at p95, intent: INT-100 }
        homeostasis:
          targets:
            REQ-NFR-PERF-001: %s
        """.formatted(target);
  }

  @Test
  void aChangedCatalogReplacesItsTargetsAndABrokenOneChangesNothing() throws Exception {
    Path catalog = dir.resolve("catalog.yaml");
    Files.writeString(catalog, catalog("{ span: auth.login, target: 500, operator: lt, alert_threshold: 0.95 }"));
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", config("100ms"))) {
      Await.until("the catalog's target is evaluated", () -> target(server) == 500);

      Files.writeString(catalog, catalog(
          "{ span: auth.login, target: 300, operator: lt, alert_threshold: 0.99, description: tighter }"));
      Await.until("the changed target replaces it", () -> target(server) == 300);

      Files.writeString(catalog, catalog("{ span: auth.login, target: 200, operator: within }"));
      // Ten reload intervals: a reload that took the broken file would show by now.
      LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      assertEquals(300, target(server), "a broken catalog leaves the targets as they were");
    }
  }

  /** The requirement's one target's value, or NaN before its first evaluation. */
  static double target(RunningServer server) {
    try {
      JsonNode targets = JSON.readTree(server.admin("/api/v1/requirements/REQ-NFR-PERF-001").body())
          .get("targets");
      return targets == null || targets.size() != 1 ? Double.NaN : targets.get(0).get("target").asDouble();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
