package io.homeostat.server;

import io.homeostat.server.cli.HomeostatCommand;
import io.homeostat.server.logging.ServerLogging;
import java.io.PrintWriter;
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

  /** Runs the command line writing to {@code out} and {@code err}, for tests and embedding. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new HomeostatCommand()).setOut(out).setErr(err).execute(args);
  }
}
