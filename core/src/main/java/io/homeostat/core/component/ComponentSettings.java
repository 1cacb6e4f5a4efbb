package io.homeostat.core.component;

import io.homeostat.core.telemetry.MetricRegistry;
import java.nio.file.Path;

/**
 * What the server gives every component it creates.
 *
 * @param id the component's id from the config
 * @param metrics where the component registers its self metrics
 * @param configDir the directory of the config file; relative paths in component configs resolve
 *     against it
 * @param shared state shared with the other components of the same server
 */
public record ComponentSettings(ComponentId id, MetricRegistry metrics, Path configDir,
    SharedState shared) {

  /** Settings for a component that shares nothing (tests, tools). */
  public ComponentSettings(ComponentId id, MetricRegistry metrics, Path configDir) {
    this(id, metrics, configDir, new SharedState());
  }

  /** Resolves a path from a component's config against the config file's directory. */
  public Path resolve(String path) {
    return configDir.resolve(path).normalize();
  }
}
