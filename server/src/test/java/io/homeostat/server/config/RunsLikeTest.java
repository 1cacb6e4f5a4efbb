package io.homeostat.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.config.EnvExpander;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reload restarts nothing when the file runs the same pipelines. That rests on every bound
 * config having value equality; the configs that use every component we have must show it.
 */
class RunsLikeTest {

  @TempDir
  Path dir;

  static Stream<Path> configs() {
    return Stream.of(Path.of("..", "conf", "homeostat.yaml"), Path.of("..", "benchmarks", "config", "bench.yaml"),
        Path.of("..", "benchmarks", "config", "bench-disk.yaml"));
  }

  private static LoadedConfig load(Path file) {
    // Each load with its own registry, as each reload has: its factories are new objects.
    return new ConfigLoader(ComponentRegistry.load(), EnvExpander.system()).load(file);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void theSameFileLoadedTwiceRunsLikeItself(Path file) {
    assertTrue(load(file).runsLike(load(file)), file.toString());
  }

  @ParameterizedTest
  @MethodSource("configs")
  void aChangedValueDoesNot(Path file) throws IOException {
    Path copy = dir.resolve(file.getFileName());
    for (Path sibling : Files.list(file.getParent()).filter(p -> p.toString().endsWith(".yaml")
        || p.toString().endsWith(".yml")).toList()) {
      Files.copy(sibling, dir.resolve(sibling.getFileName()));
    }
    LoadedConfig before = load(copy);
    Files.writeString(copy, Files.readString(copy) + "\n# a comment changes nothing\n");
    assertTrue(before.runsLike(load(copy)), "a comment");
    Files.writeString(copy, Files.readString(copy).replaceFirst("(?m)^service:$", "service:\n  ring_size: 64"));
    assertFalse(before.runsLike(load(copy)), "another ring_size");
  }
}
