package io.homeostat.core.req;

import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigNode.ListNode;
import io.homeostat.core.config.ConfigNode.MapNode;
import io.homeostat.core.config.ConfigNode.ScalarNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.Location;
import io.homeostat.core.config.YamlConfigReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a requirement catalog from YAML, in either of two formats told apart by their top-level
 * keys (docs/processors/catalog.md describes both):
 *
 * <ul>
 *   <li>Homeostat's own {@code requirements.yaml}: {@code requirements}, {@code metrics},
 *       {@code rules}, {@code global_tags} and {@code homeostasis}; any other key is an error.
 *   <li>A team's {@code observability.yml}, recognised by its {@code telemetry} key: only
 *       {@code telemetry} (global tags and metric definitions) and {@code homeostasis} are read;
 *       the file's other sections belong to the team's other tools and are left alone, problems
 *       in them included.
 * </ul>
 *
 * <p>Every problem is reported with its file, line, column and YAML path, and loading goes on so
 * that one pass reports them all. Requirements that metric definitions or rules name but no entry
 * describes become {@link Requirement#of(String) requirements with only an id}. The
 * {@code homeostasis} section is kept as written, for the homeostasis stage to bind.
 *
 * <p>Values may use {@code ${env:VAR:-default}} as pipeline configs do.
 */
public final class CatalogLoader {

  /** The top-level key that marks a team's {@code observability.yml}. */
  static final String TELEMETRY = "telemetry";
  static final String HOMEOSTASIS = "homeostasis";

  private CatalogLoader() {}

  /** Loads {@code file}; throws a {@link ConfigException} listing every error. */
  public static Catalog load(Path file) {
    ConfigProblems problems = new ConfigProblems();
    Catalog catalog = read(file, problems);
    problems.throwIfErrors();
    return catalog;
  }

  /**
   * The errors that keep {@code file} from loading, in file order; empty when it loads. For a
   * processor's config check, so that a missing or broken catalog stops the server at startup.
   */
  public static List<ConfigProblem> check(Path file) {
    ConfigProblems problems = new ConfigProblems();
    read(file, problems);
    return problems.errors();
  }

  /**
   * Reads {@code file}, adding every problem (errors, and warnings such as unset environment
   * variables) to {@code problems}. Returns the catalog, or null when there are errors.
   */
  static Catalog read(Path file, ConfigProblems problems) {
    String name = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      problems.add(ConfigProblem.Severity.ERROR, new Location(name, 0, 0), "",
          "no such catalog file: check the path (a relative path starts at the directory of the "
              + "pipeline config)");
      return null;
    } catch (CharacterCodingException e) {
      problems.add(ConfigProblem.Severity.ERROR, new Location(name, 0, 0), "",
          "the catalog is not UTF-8 text: save it as UTF-8 YAML");
      return null;
    } catch (IOException e) {
      problems.add(ConfigProblem.Severity.ERROR, new Location(name, 0, 0), "",
          "cannot read the catalog: " + e + " (check the file's permissions)");
      return null;
    }
    ConfigProblems read = new ConfigProblems();
    MapNode root = new YamlConfigReader(EnvExpander.system())
        .read(name, new StringReader(text), read);
    boolean team = root != null && root.entries().containsKey(TELEMETRY);
    for (ConfigProblem problem : read.all()) {
      if (!team || inSection(problem.path(), TELEMETRY) || inSection(problem.path(), HOMEOSTASIS)
          || problem.path().isEmpty()) {
        problems.add(problem.severity(), problem.location(), problem.path(), problem.message());
      }
    }
    if (root == null) {
      return null;
    }
    return team ? teamFile(file, root, problems) : catalogFile(file, root, problems);
  }

  private static Catalog catalogFile(Path file, MapNode root, ConfigProblems problems) {
    CatalogFile bound = new ConfigBinder(problems).bind(root, CatalogFile.class, CatalogFile.defaults());
    unique(root.get("requirements"), bound.requirements(), Requirement::id, "id", "requirement",
        "merge the two entries, or give this one its own key", problems);
    unique(root.get("metrics"), bound.metrics(), MetricEntry::name, "name", "metric",
        "merge the two entries", problems);
    if (problems.hasErrors()) {
      return null;
    }
    Map<String, Requirement> requirements = new LinkedHashMap<>();
    bound.requirements().forEach(r -> requirements.put(r.id(), r));
    return catalog(file, requirements, bound.metrics().stream().map(MetricEntry::definition).toList(),
        bound.rules().stream().map(TagRuleConfig::rule).toList(), bound.globalTags(),
        bound.homeostasis());
  }

  private static Catalog teamFile(Path file, MapNode root, ConfigProblems problems) {
    TelemetrySection telemetry = new ConfigBinder(problems).bind(root.get(TELEMETRY),
        TelemetrySection.class, new TelemetrySection(Map.of(), List.of()));
    ConfigNode metricsNode = root.get(TELEMETRY) instanceof MapNode section ? section.get("metrics") : null;
    unique(metricsNode, telemetry.metrics(), TeamMetric::name, "name", "metric",
        "merge the two entries", problems);
    if (problems.hasErrors()) {
      return null;
    }
    return catalog(file, new LinkedHashMap<>(),
        telemetry.metrics().stream().map(TeamMetric::definition).toList(), List.of(),
        telemetry.globalTags(), root.get(HOMEOSTASIS));
  }

  /** Builds the catalog of a file without errors. */
  private static Catalog catalog(Path file, Map<String, Requirement> requirements,
      List<MetricDefinition> metrics, List<TagRule> rules, Map<String, String> globalTags,
      ConfigNode homeostasis) {
    Map<String, MetricDefinition> byName = new LinkedHashMap<>();
    for (MetricDefinition metric : metrics) {
      byName.put(metric.name(), metric);
      metric.requirements().forEach(key -> requirements.computeIfAbsent(key, Requirement::of));
    }
    rules.forEach(rule -> rule.requirements()
        .forEach(key -> requirements.computeIfAbsent(key, Requirement::of)));
    boolean written = homeostasis != null && !(homeostasis instanceof ScalarNode s && s.isNull());
    return new Catalog(file, requirements, byName, rules, globalTags, written ? homeostasis : null);
  }

  /**
   * Reports entries of {@code listNode} whose {@code key} repeats an earlier entry's, at the
   * repeated key. {@code entries} are the bound entries, one per item of the list.
   */
  private static <T> void unique(ConfigNode listNode, List<T> entries, Function<T, String> keyOf,
      String key, String noun, String fix, ConfigProblems problems) {
    if (!(listNode instanceof ListNode list)) {
      return;
    }
    Map<String, ConfigNode> first = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      T entry = entries.get(i);
      String value = entry == null ? null : keyOf.apply(entry);
      if (value == null || !(list.items().get(i) instanceof MapNode item)) {
        continue;
      }
      ConfigNode at = item.get(key);
      ConfigNode earlier = first.putIfAbsent(value, at);
      if (earlier != null) {
        problems.error(at, "duplicate " + noun + " '" + value + "', first at line "
            + earlier.location().line() + ": " + fix);
      }
    }
  }

  private static boolean inSection(String path, String section) {
    return path.equals(section) || path.startsWith(section + ".") || path.startsWith(section + "[");
  }
}
