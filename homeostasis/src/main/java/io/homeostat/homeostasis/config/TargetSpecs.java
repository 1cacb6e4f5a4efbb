package io.homeostat.homeostasis.config;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.CatalogStore;
import io.homeostat.core.req.ReqKeys;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.target.TargetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns targets as written into {@link TargetSpec}s: the one parser for the pipeline config's
 * {@code homeostasis.targets} and the {@code homeostasis} sections of catalogs and teams'
 * {@code observability.yml}. Every problem goes to the given {@link ConfigProblems} with its file,
 * line, column and path; only targets without problems are returned.
 *
 * <p>{@code targets} maps a requirement key to one target, or to a list of them. Two targets of one
 * requirement with one name (from any source) are an error: each (requirement, name) has one alert.
 */
public final class TargetSpecs {

  private final TargetDefaults defaults;
  private final ConfigProblems problems;
  /** Where each target was first written, across every source of one load. */
  private final Map<TargetKey, ConfigNode> written = new HashMap<>();
  private final List<TargetSpec> specs = new ArrayList<>();

  private TargetSpecs(TargetDefaults defaults, ConfigProblems problems) {
    this.defaults = defaults;
    this.problems = problems;
  }

  /**
   * Every target of the server: {@code config.targets()}, then those of each file in
   * {@code config.catalogs()}, read through the server's shared {@link CatalogStore}s.
   */
  public static List<TargetSpec> load(HomeostasisConfig config, ComponentSettings settings,
      ConfigProblems problems) {
    TargetSpecs parser = new TargetSpecs(config.targetDefaults(), problems);
    parser.targets(config.targets());
    for (String path : config.catalogs()) {
      try {
        parser.section(CatalogStore.open(settings, path, config.reloadInterval())
            .current().homeostasis());
      } catch (ConfigException e) {
        e.problems().forEach(p -> problems.add(p.severity(), p.location(), p.path(), p.message()));
      }
    }
    return List.copyOf(parser.specs);
  }

  /** The targets of a {@code targets:} mapping (null: none). */
  public static List<TargetSpec> parseTargets(ConfigNode targets, TargetDefaults defaults,
      ConfigProblems problems) {
    TargetSpecs parser = new TargetSpecs(defaults, problems);
    parser.targets(targets);
    return List.copyOf(parser.specs);
  }

  /**
   * The targets of a catalog's {@code homeostasis:} section ({@link Catalog#homeostasis()}; null:
   * none), which holds {@code targets} only.
   */
  public static List<TargetSpec> parseSection(ConfigNode homeostasis, TargetDefaults defaults,
      ConfigProblems problems) {
    TargetSpecs parser = new TargetSpecs(defaults, problems);
    parser.section(homeostasis);
    return List.copyOf(parser.specs);
  }

  /** A catalog's section: only {@code targets}; evaluation settings live in the pipeline config. */
  record CatalogSection(ConfigNode targets) {}

  private void section(ConfigNode homeostasis) {
    if (homeostasis == null) {
      return;
    }
    CatalogSection section = new ConfigBinder(problems).bind(homeostasis, CatalogSection.class,
        new CatalogSection(null));
    targets(section.targets());
  }

  private void targets(ConfigNode targets) {
    if (targets == null || targets instanceof ScalarNode s && s.isNull()) {
      return;
    }
    if (!(targets instanceof MapNode byRequirement)) {
      problems.error(targets, "expected a mapping of requirement keys to targets, such as "
          + "REQ-NFR-PERF-001: {metric: login_latency_ms, target: 500, operator: lt}, found "
          + targets.describe());
      return;
    }
    byRequirement.entries().forEach((requirement, entry) -> {
      if (!ReqKeys.DEFAULT_PATTERN.matcher(requirement).matches()) {
        problems.errorAtKey(byRequirement, requirement, "'" + requirement + "' is not a "
            + "requirement key: write REQ- and upper-case letters or digits in parts joined by -, "
            + "such as REQ-F-AUTH-001");
        return;
      }
      if (entry instanceof ListNode list) {
        list.items().forEach(item -> target(requirement, item));
      } else if (entry instanceof MapNode) {
        target(requirement, entry);
      } else {
        problems.error(entry, "expected a target, such as {metric: login_latency_ms, target: 500, "
            + "operator: lt, alert_threshold: 0.95}, or a list of targets, found " + entry.describe());
      }
    });
  }

  private void target(String requirement, ConfigNode node) {
    ConfigProblems binding = new ConfigProblems();
    TargetConfig config = new ConfigBinder(binding).bind(node, TargetConfig.class, null);
    binding.all().forEach(p -> problems.add(p.severity(), p.location(), p.path(), p.message()));
    if (config == null || !(node instanceof MapNode map)) {
      return;
    }
    TargetViolations violations = new TargetViolations(map, binding, problems);
    config.validate(violations);
    if (binding.hasErrors() || violations.any) {
      return;
    }
    TargetSpec spec = config.resolve(requirement, defaults, node.location());
    ConfigNode first = written.putIfAbsent(spec.key(), node);
    if (first != null) {
      problems.error(node, "duplicate target '" + spec.name() + "' of " + requirement + ", first at "
          + first.location() + ": give one of them a name of its own (name: ...)");
      return;
    }
    specs.add(spec);
  }

  /**
   * Reports what {@link TargetConfig#validate} finds at the keys it names, except where binding
   * already reported the value as unreadable: {@code operator: less} is one mistake, not also a
   * missing operator.
   */
  private static final class TargetViolations implements Validatable.Violations {
    private final MapNode map;
    private final Set<String> unreadable;
    private final ConfigProblems problems;
    private boolean any;

    TargetViolations(MapNode map, ConfigProblems binding, ConfigProblems problems) {
      this.map = map;
      this.unreadable = binding.errors().stream().map(ConfigProblem::path).collect(Collectors.toSet());
      this.problems = problems;
    }

    @Override
    public void add(String key, String message) {
      any = true;
      ConfigNode at = map.find(key);
      String path = at != null ? at.path() : map.childPath(key);
      if (!unreadable.contains(path)) {
        problems.add(ConfigProblem.Severity.ERROR, at != null ? at.location() : map.location(), path, message);
      }
    }

    @Override
    public void add(String message) {
      any = true;
      // A target whose values could not all be read may lack a source for that reason alone.
      if (unreadable.isEmpty()) {
        problems.error(map, message);
      }
    }
  }
}
