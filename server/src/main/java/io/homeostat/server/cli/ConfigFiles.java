package io.homeostat.server.cli;

import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.server.config.ConfigLoader;
import io.homeostat.server.config.LoadedConfig;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Loading a config for a command, and printing its problems the same way for every command. */
final class ConfigFiles {

  private ConfigFiles() {}

  static LoadedConfig load(Path file) {
    return new ConfigLoader(ComponentRegistry.load(), EnvExpander.system()).load(file);
  }

  static void printProblems(ConfigException e, Path file, PrintWriter err) {
    e.problems().forEach(err::println);
    int count = e.problems().size();
    err.println(count + (count == 1 ? " error" : " errors") + " in " + file);
    err.flush();
  }

  static void printWarnings(LoadedConfig loaded, PrintWriter err) {
    for (ConfigProblem warning : loaded.warnings()) {
      err.println(warning);
    }
    err.flush();
  }
}
