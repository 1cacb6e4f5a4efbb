package io.homeostat.homeostasis.testing;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import io.homeostat.homeostasis.config.TargetDefaults;
import io.homeostat.homeostasis.config.TargetSpecs;
import io.homeostat.homeostasis.target.TargetSpec;
import java.io.StringReader;
import java.util.List;

/** Targets from YAML text, as a config file named {@code h.yaml} would give them. */
public final class Yaml {

  private Yaml() {}

  /** The root mapping of {@code yaml}. */
  public static ConfigNode.MapNode read(String yaml, ConfigProblems problems) {
    return new YamlConfigReader(new EnvExpander(name -> null)).read("h.yaml", new StringReader(yaml), problems);
  }

  /** The targets under the top-level {@code targets:} key; fails on any problem. */
  public static List<TargetSpec> targets(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    List<TargetSpec> specs = TargetSpecs.parseTargets(read(yaml, problems).get("targets"),
        TargetDefaults.DEFAULT, problems);
    if (!problems.all().isEmpty()) {
      throw new AssertionError("config problems: " + problems.all());
    }
    return specs;
  }

  /** Every problem of the targets under {@code targets:}, as {@code homeostat validate} prints them. */
  public static List<String> problems(String yaml) {
    ConfigProblems problems = new ConfigProblems();
    TargetSpecs.parseTargets(read(yaml, problems).get("targets"), TargetDefaults.DEFAULT, problems);
    return problems.all().stream().map(ConfigProblem::toString).toList();
  }
}
