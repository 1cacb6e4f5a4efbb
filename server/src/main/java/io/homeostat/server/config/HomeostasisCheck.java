package io.homeostat.server.config;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.config.TargetSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The checks of the homeostasis sections that need the whole config: every target (of the
 * pipeline YAML and of the catalogs it names) is read as the runtime will read it, and the
 * {@code homeostasis} processor and the top-level {@code homeostasis:} section come together.
 */
final class HomeostasisCheck {

  private static final String TYPE = "homeostasis";

  private final MapNode root;
  private final Path file;
  private final ConfigProblems problems;

  HomeostasisCheck(MapNode root, Path file, ConfigProblems problems) {
    this.root = root;
    this.file = file;
    this.problems = problems;
  }

  void check(HomeostatConfig config, Map<ComponentKind, Map<ComponentId, ComponentSpec>> defined,
      List<PipelineSpec> pipelines) {
    boolean stageUsed = pipelines.stream().flatMap(p -> p.processors().stream())
        .anyMatch(id -> id.type().equals(TYPE));
    if (config.homeostasis() == null) {
      if (stageUsed) {
        defined.get(ComponentKind.PROCESSOR).keySet().stream().filter(id -> id.type().equals(TYPE))
            .forEach(id -> problems.errorAtKey(section("processors"), id.toString(), "processor '"
                + id + "' needs the top-level homeostasis: section with the targets it feeds"));
      }
      for (String unused : List.of("alerting", "feedback")) {
        if (root.get(unused) != null) {
          problems.warningAtKey(root, unused, unused + ": has no effect without the top-level"
              + " homeostasis: section");
        }
      }
      return;
    }
    // Targets are read here as the runtime will read them, catalogs included, so that validate
    // reports their problems; the stores opened for this are the check's own.
    Path configDir = file.toAbsolutePath().getParent();
    TargetSpecs.load(config.homeostasis(),
        new ComponentSettings(ComponentId.of(TYPE), new MetricRegistry(), configDir), problems);
    if (!stageUsed) {
      problems.warningAtKey(root, TYPE, "no pipeline lists the homeostasis processor, so the"
          + " targets see no data: add it to the processors of the pipelines they judge, after"
          + " requirements");
    }
  }

  private MapNode section(String key) {
    return root.get(key) instanceof MapNode map ? map : MapNode.empty(key, root.keyLocation(key));
  }
}
