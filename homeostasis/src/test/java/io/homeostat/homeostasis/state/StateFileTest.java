package io.homeostat.homeostasis.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

  record Firing(String requirement, String target, Instant startsAt) {}

  @TempDir
  Path dir;

  @Test
  void savedStateComesBackAfterARestart() throws Exception {
    StateFile<List<Firing>> state = StateFile.of(dir, "alerts", new TypeReference<>() { });
    assertEquals(Optional.empty(), state.load());
    List<Firing> firing = List.of(new Firing("REQ-NFR-PERF-001", "login_latency_ms",
        Instant.parse("2026-11-21T10:15:00Z")));
    state.save(firing);
    assertEquals(Optional.of(firing), StateFile.of(dir, "alerts", new TypeReference<List<Firing>>() { }).load());
    assertTrue(Files.readString(dir.resolve("alerts.json")).contains("\"2026-11-21T10:15:00Z\""));
  }

  @Test
  void anUnreadableFileIsSetAsideAndTheServerStartsWithoutIt() throws Exception {
    Files.writeString(dir.resolve("issues.json"), "{ not json");
    StateFile<Firing> state = StateFile.of(dir, "issues", Firing.class);
    assertEquals(Optional.empty(), state.load());
    assertTrue(Files.exists(dir.resolve("issues.json.corrupt")));
  }
}
