package io.homeostat.server.cli;

import io.homeostat.core.config.ConfigException;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.config.PipelineSpec;
import io.homeostat.server.service.Service;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code homeostat validate}: checks a config as {@code run} would, creating every component
 * without starting it. Exit 0 when it would start; otherwise each problem with its place, exit 1.
 */
@Command(name = "validate", description = "Check a config: exit 0 when it would start, else list every problem and exit 1.",
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", required = true, description = "Pipeline YAML.")
  Path config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LoadedConfig loaded;
    try {
      loaded = ConfigFiles.load(config);
      Service.check(loaded);
    } catch (ConfigException e) {
      ConfigFiles.printProblems(e, config, err);
      return 1;
    } catch (RuntimeException e) {
      err.println(config + ": cannot create the components: " + e.getMessage());
      err.flush();
      return 1;
    }
    ConfigFiles.printWarnings(loaded, err);
    out.println(config + " is valid: " + loaded.pipelines().size() + " pipeline(s) ("
        + loaded.pipelines().stream().map(PipelineSpec::id).map(Object::toString)
            .collect(Collectors.joining(", ")) + ")");
    out.flush();
    return 0;
  }
}
