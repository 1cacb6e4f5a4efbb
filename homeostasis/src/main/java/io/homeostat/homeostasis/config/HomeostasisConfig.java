package io.homeostat.homeostasis.config;

import io.homeostat.core.config.ConfigKey;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.req.CatalogStore;
import java.time.Duration;
import java.util.List;

/**
 * The top-level {@code homeostasis:} section of the pipeline config.
 *
 * <p>Binding checks the section's own keys. The targets, here and in the catalogs, are bound by
 * {@link TargetSpecs#load}, which reports their problems into the same
 * {@link io.homeostat.core.config.ConfigProblems}: call it in the same config check.
 *
 * @param evaluationInterval how often every target is evaluated
 * @param targetDefaults what targets get where they say nothing ({@code defaults})
 * @param targets requirement key to one target or a list of targets, as written; null when absent
 * @param catalogs catalog files ({@code requirements.yaml}) and teams' {@code observability.yml}
 *     whose {@code homeostasis.targets} add targets; relative to the config's directory
 * @param reloadInterval how often the catalogs are checked for changes, whose targets then
 *     replace the old ones; zero never
 */
public record HomeostasisConfig(Duration evaluationInterval,
    @ConfigKey("defaults") TargetDefaults targetDefaults,
    ConfigNode targets, List<String> catalogs, Duration reloadInterval) implements Validatable {

  public static HomeostasisConfig defaults() {
    return new HomeostasisConfig(Duration.ofSeconds(5), TargetDefaults.DEFAULT, null, List.of(),
        CatalogStore.DEFAULT_RELOAD_INTERVAL);
  }

  @Override
  public void validate(Violations violations) {
    TargetDefaults.positive("evaluation_interval", evaluationInterval, violations);
    if (reloadInterval.isNegative()) {
      violations.add("reload_interval", "must not be negative, was "
          + Durations.format(reloadInterval) + ": how often the catalogs are checked for changes,"
          + " such as 10s, or 0s for never");
    }
    for (String catalog : catalogs) {
      if (catalog == null || catalog.isBlank()) {
        violations.add("catalogs", "holds an empty path: name a catalog file, such as requirements.yaml");
      }
    }
  }
}
