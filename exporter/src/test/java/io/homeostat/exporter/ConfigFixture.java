package io.homeostat.exporter;

import io.homeostat.core.component.ComponentFactory;
import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import java.io.StringReader;
import java.util.List;

/** Binds a component's YAML section, written under its type, as the server would. */
public final class ConfigFixture {

  /** A {@code retry_on_failure} section with retries 5ms apart, so that tests do not wait. */
  public static final String FAST_RETRY =
      "  retry_on_failure: { initial_interval: 5ms, max_interval: 5ms, randomization_factor: 0 }\n";

  private ConfigFixture() {}

  /** The bound config; fails the test when the YAML has errors. */
  public static <C extends Record> C bind(ComponentFactory<C> factory, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    C config = bind(factory, yaml, problems);
    if (problems.hasErrors()) {
      throw new AssertionError("unexpected config errors: " + problems.errors());
    }
    return config;
  }

  /** The errors, as printed: {@code test.yaml:line:column: path: message}. */
  public static List<String> errors(ComponentFactory<?> factory, String yaml) {
    ConfigProblems problems = new ConfigProblems();
    bind(factory, yaml, problems);
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  private static <C extends Record> C bind(ComponentFactory<C> factory, String yaml,
      ConfigProblems problems) {
    var root = new YamlConfigReader(new EnvExpander(name -> null))
        .read("test.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get(factory.type()), factory.configType(),
        factory.createDefaultConfig());
  }
}
