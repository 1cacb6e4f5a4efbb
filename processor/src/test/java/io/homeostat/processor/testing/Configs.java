package io.homeostat.processor.testing;

import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import java.io.StringReader;
import java.util.List;

/** Binds a processor's config from YAML as the server does, so that tests configure like users. */
public final class Configs {

  private Configs() {}

  /** Binds the YAML under the top-level key {@code section}; fails on any problem. */
  public static <T> T bind(String section, Class<T> type, T defaults, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    T bound = bind(section, type, defaults, yaml, problems);
    if (problems.hasErrors()) {
      throw new AssertionError("config problems: " + problems.errors());
    }
    return bound;
  }

  /** The errors binding the YAML reports, each as {@code file:line:column: path: message}. */
  public static <T> List<String> errors(String section, Class<T> type, T defaults, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    bind(section, type, defaults, yaml, problems);
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  private static <T> T bind(String section, Class<T> type, T defaults, String yaml,
      ConfigProblems problems) {
    var root = new YamlConfigReader(new EnvExpander(k -> null))
        .read("test.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get(section), type, defaults);
  }
}
