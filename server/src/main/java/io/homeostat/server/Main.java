package io.homeostat.server;

import io.homeostat.server.cli.HomeostatCommand;
import io.homeostat.server.logging.ServerLogging;
import picocli.CommandLine;

/** {@code homeostat run | validate}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    ServerLogging.install();
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status. */
  public static int execute(String... args) {
    return new CommandLine(new HomeostatCommand()).execute(args);
  }
}
