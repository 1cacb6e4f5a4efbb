package io.homeostat.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one config load, so that one run reports them all. */
public final class ConfigProblems {

  private static final Comparator<ConfigProblem> IN_FILE_ORDER = Comparator
      .comparing((ConfigProblem p) -> p.location().file())
      .thenComparingInt(p -> p.location().line())
      .thenComparingInt(p -> p.location().column());

  private final List<ConfigProblem> problems = new ArrayList<>();

  /** Records an error about {@code node}. */
  public void error(ConfigNode node, String message) {
    add(ConfigProblem.Severity.ERROR, node.location(), node.path(), message);
  }

  /** Records an error about the key {@code key} of {@code map} itself (unknown, misspelt, unused). */
  public void errorAtKey(ConfigNode.MapNode map, String key, String message) {
    add(ConfigProblem.Severity.ERROR, map.keyLocation(key), map.childPath(key), message);
  }

  /** Records a warning about the key {@code key} of {@code map}. */
  public void warningAtKey(ConfigNode.MapNode map, String key, String message) {
    add(ConfigProblem.Severity.WARNING, map.keyLocation(key), map.childPath(key), message);
  }

  /** Records a warning about {@code node}: it does not stop the server. */
  public void warning(ConfigNode node, String message) {
    add(ConfigProblem.Severity.WARNING, node.location(), node.path(), message);
  }

  public void add(ConfigProblem.Severity severity, Location location, String path, String message) {
    problems.add(new ConfigProblem(severity, location, path, message));
  }

  /** Every problem, in the order they stand in their files. */
  public List<ConfigProblem> all() {
    return problems.stream().sorted(IN_FILE_ORDER).toList();
  }

  public List<ConfigProblem> errors() {
    return all().stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).toList();
  }

  public List<ConfigProblem> warnings() {
    return all().stream().filter(p -> p.severity() == ConfigProblem.Severity.WARNING).toList();
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
  }

  /** Throws a {@link ConfigException} holding every error, if there is any. */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new ConfigException(errors());
    }
  }
}
