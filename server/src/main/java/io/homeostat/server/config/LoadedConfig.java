package io.homeostat.server.config;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.homeostasis.alerting.AlertingConfig;
import io.homeostat.homeostasis.config.HomeostasisConfig;
import io.homeostat.homeostasis.intents.FeedbackConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A config that passed every check: components bound by their factories, pipelines resolved.
 * Only components used by a pipeline are here. A pipeline's receivers and exporters may be
 * connectors: those ids are in {@link #connectors}.
 *
 * @param homeostasis the top-level {@code homeostasis:} section, or null when absent
 * @param alerting the top-level {@code alerting:} section, or null
 * @param feedback the top-level {@code feedback:} section, or null
 * @param warnings problems that do not stop the server (unset variables, unused components)
 */
public record LoadedConfig(
    Path file,
    ServiceConfig service,
    Map<ComponentId, ComponentSpec> receivers,
    Map<ComponentId, ComponentSpec> processors,
    Map<ComponentId, ComponentSpec> exporters,
    Map<ComponentId, ComponentSpec> connectors,
    List<PipelineSpec> pipelines,
    HomeostasisConfig homeostasis,
    AlertingConfig alerting,
    FeedbackConfig feedback,
    List<ConfigProblem> warnings) {

  /** Where state that outlives a restart is kept: {@code service.data_dir}, resolved. */
  public Path dataDir() {
    return configDir().resolve(service.dataDir()).normalize();
  }

  /** The directory relative paths in component configs resolve against. */
  public Path configDir() {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
