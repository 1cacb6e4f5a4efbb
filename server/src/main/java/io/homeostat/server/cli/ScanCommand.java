package io.homeostat.server.cli;

import io.homeostat.processor.requirements.scan.ScanResult;
import io.homeostat.processor.requirements.scan.SourceScanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code homeostat scan DIR}: writes a requirement catalog from the {@code Implements: REQ-…}
 * markers in the comments of a source tree, so that spans from auto-instrumentation get their
 * requirement by the code that made them.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Write a requirement catalog from the 'Implements: REQ-...' markers in the "
        + "comments of a source tree.")
final class ScanCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "The root of the source tree.")
  Path dir;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Where to write the catalog (default: standard output).")
  Path out;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      err.println("homeostat scan: " + dir + " is not a directory: give the root of a source tree");
      err.flush();
      return 1;
    }
    ScanResult result;
    try {
      result = SourceScanner.scan(dir);
    } catch (IOException e) {
      err.println("homeostat scan: cannot read " + dir + ": " + e);
      err.flush();
      return 1;
    }
    try {
      write(result.catalog());
    } catch (IOException e) {
      err.println("homeostat scan: cannot write " + out + ": " + e);
      err.flush();
      return 1;
    }
    int markers = result.markers().size();
    int requirements = result.requirements().size();
    err.println(markers + (markers == 1 ? " marker, " : " markers, ") + requirements
        + (requirements == 1 ? " requirement in " : " requirements in ") + dir);
    err.flush();
    return 0;
  }

  private void write(String catalog) throws IOException {
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(catalog);
      stdout.flush();
      return;
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, catalog, StandardCharsets.UTF_8);
  }
}
