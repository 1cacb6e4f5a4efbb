package io.homeostat.server.cli;

import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.server.config.ConfigLoader;
import io.homeostat.server.config.LoadedConfig;
import java.nio.file.Path;

/** Loading a config for a command, and printing its problems the same way for every command. */
final class ConfigFiles {

  private ConfigFiles() {}

  static LoadedConfig load(Path file) {
    return new ConfigLoader(ComponentRegistry.load(), EnvExpander.system()).load(file);
  }

  static void printProblems(ConfigException e, Path file) {
    e.problems().forEach(problem -> System.err.println(problem));
    int count = e.problems().size();
    System.err.println(count + (count == 1 ? " error" : " errors") + " in " + file);
  }

  static void printWarnings(LoadedConfig loaded) {
    for (ConfigProblem warning : loaded.warnings()) {
      System.err.println(warning);
    }
  }
}
