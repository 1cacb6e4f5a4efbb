package io.homeostat.server.config;

import io.homeostat.core.component.ComponentFactory;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;
import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a pipeline YAML and checks all of it in one walk, the way {@code homeostat validate}
 * reports it: YAML syntax, unknown keys, each component's config (bound by the factory of its
 * type), and the pipeline graph ({@link PipelineResolver}). Every problem names the file, YAML
 * path, line and column.
 */
public final class ConfigLoader {

  private final ComponentRegistry registry;
  private final EnvExpander environment;

  public ConfigLoader(ComponentRegistry registry, EnvExpander environment) {
    this.registry = registry;
    this.environment = environment;
  }

  /** Loads {@code file}; throws {@link io.homeostat.core.config.ConfigException} listing every error. */
  public LoadedConfig load(Path file) {
    ConfigProblems problems = new ConfigProblems();
    MapNode root = new YamlConfigReader(environment).read(file, problems);
    problems.throwIfErrors();
    ConfigBinder binder = new ConfigBinder(problems);
    HomeostatConfig config = binder.bind(root, HomeostatConfig.class, HomeostatConfig.defaults());

    Map<ComponentKind, Map<ComponentId, ComponentSpec>> defined = new EnumMap<>(ComponentKind.class);
    for (ComponentKind kind : ComponentKind.values()) {
      defined.put(kind, components(kind, section(root, kind.section()), binder, problems));
    }

    List<PipelineSpec> pipelines = new PipelineResolver(defined,
        section(section(root, "service"), "pipelines"), problems).resolve(config.service().pipelines());
    warnUnused(root, defined, pipelines, problems);
    new HomeostasisCheck(root, file, problems).check(config, defined, pipelines);
    problems.throwIfErrors();
    return new LoadedConfig(file, config.service(),
        used(defined.get(ComponentKind.RECEIVER), pipelines, PipelineSpec::receivers),
        used(defined.get(ComponentKind.PROCESSOR), pipelines, PipelineSpec::processors),
        used(defined.get(ComponentKind.EXPORTER), pipelines, PipelineSpec::exporters),
        used(defined.get(ComponentKind.CONNECTOR), pipelines, PipelineSpec::exporters),
        List.copyOf(pipelines), config.homeostasis(), config.alerting(), config.feedback(),
        problems.warnings());
  }

  private Map<ComponentId, ComponentSpec> components(ComponentKind kind, MapNode section,
      ConfigBinder binder, ConfigProblems problems) {
    Map<ComponentId, ComponentSpec> specs = new LinkedHashMap<>();
    section.entries().forEach((key, node) -> {
      ComponentId id;
      try {
        id = ComponentId.parse(key);
      } catch (IllegalArgumentException e) {
        problems.errorAtKey(section, key, e.getMessage());
        return;
      }
      var factory = registry.factory(kind, id.type());
      if (factory.isEmpty()) {
        problems.errorAtKey(section, key, unknownType(kind, id.type()));
        return;
      }
      if (specs.containsKey(id)) {
        problems.errorAtKey(section, key, "duplicate " + kind.noun() + " id '" + id + "': '" + key
            + "' names the same component as an earlier key");
        return;
      }
      specs.put(id, new ComponentSpec(id, kind, factory.get(), bind(binder, node, factory.get())));
    });
    return specs;
  }

  private static <C extends Record> C bind(ConfigBinder binder, ConfigNode node, ComponentFactory<C> factory) {
    return binder.bind(node, factory.configType(), factory.createDefaultConfig());
  }

  private String unknownType(ComponentKind kind, String type) {
    Set<String> known = new TreeSet<>();
    registry.types(kind).forEach(known::add);
    String closest = ConfigBinder.closest(type, known);
    return "unknown " + kind.noun() + " type '" + type + "'"
        + (closest == null ? "" : "; did you mean '" + closest + "'?")
        + " (known types: " + String.join(", ", known) + ")";
  }

  private static void warnUnused(MapNode root, Map<ComponentKind, Map<ComponentId, ComponentSpec>> defined,
      List<PipelineSpec> pipelines, ConfigProblems problems) {
    Set<ComponentId> usedIds = new LinkedHashSet<>();
    for (PipelineSpec p : pipelines) {
      usedIds.addAll(p.receivers());
      usedIds.addAll(p.processors());
      usedIds.addAll(p.exporters());
    }
    for (ComponentKind kind : ComponentKind.values()) {
      MapNode section = section(root, kind.section());
      section.entries().keySet().forEach(key -> {
        ComponentId id = parseOrNull(key);
        if (id != null && defined.get(kind).containsKey(id) && !usedIds.contains(id)) {
          problems.warningAtKey(section, key, kind.noun() + " '" + id + "' is used by no pipeline"
              + " and will not start (add it to a pipeline under service.pipelines, or remove it)");
        }
      });
    }
  }

  private static ComponentId parseOrNull(String key) {
    try {
      return ComponentId.parse(key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The mapping at {@code key} of {@code parent}, or an empty one (its errors are the binder's). */
  private static MapNode section(MapNode parent, String key) {
    return parent.get(key) instanceof MapNode map ? map
        : MapNode.empty(parent.childPath(key), parent.keyLocation(key));
  }

  private static Map<ComponentId, ComponentSpec> used(Map<ComponentId, ComponentSpec> specs,
      List<PipelineSpec> pipelines, java.util.function.Function<PipelineSpec, List<ComponentId>> field) {
    Map<ComponentId, ComponentSpec> out = new LinkedHashMap<>();
    for (PipelineSpec pipeline : pipelines) {
      for (ComponentId id : field.apply(pipeline)) {
        if (specs.containsKey(id)) {
          out.put(id, specs.get(id));
        }
      }
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
