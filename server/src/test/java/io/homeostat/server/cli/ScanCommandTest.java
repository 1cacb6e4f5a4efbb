package io.homeostat.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.CatalogLoader;
import io.homeostat.processor.requirements.scan.SourceScanner;
import io.homeostat.server.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeostat scan DIR [--out FILE]}. */
class ScanCommandTest {

  @TempDir
  Path dir;

  private Path tree;

  record Result(int status, String out, String err) {}

  private static Result scan(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] command = new String[args.length + 1];
    command[0] = "scan";
    System.arraycopy(args, 0, command, 1, args.length);
    int status = Main.execute(new PrintWriter(out), new PrintWriter(err), command);
    return new Result(status, out.toString(), err.toString());
  }

  @BeforeEach
  void sourceTree() throws IOException {
    tree = Files.createDirectories(dir.resolve("src"));
    Files.writeString(tree.resolve("login.py"), """
        # Implements: REQ-F-AUTH-001
        def login(user):
            return True  # Implements: REQ-NFR-PERF-001
        """);
    Files.createDirectories(tree.resolve("web"));
    Files.writeString(tree.resolve("web/pay.ts"), """
        export function pay() {
          // Implements: REQ-F-AUTH-001
        }
        """);
  }

  @Test
  void writesTheCatalogToTheFileAndSaysWhatItFound() throws IOException {
    Path file = dir.resolve("out/requirements-from-code.yaml");
    Result result = scan(tree.toString(), "--out", file.toString());

    assertEquals(new Result(0, "", "3 markers, 2 requirements in " + tree + "\n"), result);
    assertEquals(SourceScanner.scan(tree).catalog(), Files.readString(file));
    Catalog catalog = CatalogLoader.load(file);
    assertEquals(Set.of("REQ-F-AUTH-001", "REQ-NFR-PERF-001"), catalog.requirements().keySet());
    assertEquals(List.of("login.py", "web/pay.ts"), catalog.requirement("REQ-F-AUTH-001").code());
    assertEquals(4, catalog.rules().size(), "two places, each by both forms of the code attributes");
  }

  @Test
  void withoutOutItPrintsTheCatalog() throws IOException {
    Result result = scan(tree.toString());
    assertEquals(new Result(0, SourceScanner.scan(tree).catalog(),
        "3 markers, 2 requirements in " + tree + "\n"), result);
  }

  @Test
  void oneMarkerIsCountedInTheSingular() throws IOException {
    Path one = Files.createDirectories(dir.resolve("one"));
    Files.writeString(one.resolve("a.go"), "// Implements: REQ-A\npackage a\n");
    assertEquals("1 marker, 1 requirement in " + one + "\n", scan(one.toString()).err());
  }

  @Test
  void aDirectoryThatDoesNotExistExitsOneSayingSo() {
    Path missing = dir.resolve("nowhere");
    assertEquals(new Result(1, "", "homeostat scan: " + missing
        + " is not a directory: give the root of a source tree\n"), scan(missing.toString()));
  }

  @Test
  void aFileGivenAsTheDirectoryExitsOne() throws IOException {
    Path file = Files.writeString(dir.resolve("a.py"), "# Implements: REQ-A\n");
    assertEquals(1, scan(file.toString()).status());
  }
}
