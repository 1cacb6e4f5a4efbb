package io.homeostat.server.cli;

import picocli.CommandLine.Command;

/** The top-level command; each action is a subcommand. */
@Command(name = "homeostat", mixinStandardHelpOptions = true, version = "homeostat 0.1.0",
    description = "OpenTelemetry pipeline server that keeps each requirement (REQ-*) at its target.",
    subcommands = {RunCommand.class, ValidateCommand.class, ScanCommand.class})
public final class HomeostatCommand implements java.util.concurrent.Callable<Integer> {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** Without a subcommand there is nothing to do: show the usage and fail as picocli does. */
  @Override
  public Integer call() {
    spec.commandLine().usage(System.err);
    return picocli.CommandLine.ExitCode.USAGE;
  }
}
