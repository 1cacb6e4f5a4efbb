package io.homeostat.processor.requirements.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.match.RecordMatcher;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.CatalogLoader;
import io.homeostat.core.req.TagRule;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code homeostat scan} on a small tree of Python, Java, TypeScript and Go files. */
class SourceScannerTest {

  private static final String LOGIN_PY = "app/auth/login.py";
  private static final String LEDGER_GO = "services/ledger/ledger.go";
  private static final String CONTROLLER = "src/main/java/com/example/auth/LoginController.java";
  private static final String PAYMENTS_TS = "web/src/payments.ts";

  @TempDir
  Path dir;

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(Objects.requireNonNull(SourceScannerTest.class.getResource("/" + name)).toURI());
  }

  private static Marker marker(String file, int line, String function, String... keys) {
    return new Marker(file, line, List.of(keys), function);
  }

  @Test
  void findsEveryMarkerOfTheFixtureTreeWithItsFunction() throws Exception {
    assertEquals(List.of(
            marker(LOGIN_PY, 3, null, "REQ-F-AUTH-001"),
            marker(LOGIN_PY, 7, null, "REQ-F-AUTH-002"),
            marker(LOGIN_PY, 10, "login", "REQ-NFR-PERF-001"),
            marker(LOGIN_PY, 15, "login", "REQ-F-AUTH-001", "REQ-F-AUTH-003"),
            marker(LOGIN_PY, 17, "login", "REQ-F-AUTH-004"),
            marker(LOGIN_PY, 25, "open", "REQ-F-AUTH-005"),
            marker(LOGIN_PY, 32, "close", "REQ-F-AUTH-006"),
            marker(LEDGER_GO, 3, null, "REQ-F-PAY-002"),
            marker(LEDGER_GO, 9, "Book", "REQ-F-PAY-002", "REQ-NFR-PERF-001"),
            marker(LEDGER_GO, 12, "Book", "REQ-F-PAY-006"),
            marker(LEDGER_GO, 15, "Book", "REQ-F-PAY-007"),
            marker(LEDGER_GO, 23, "helper", "REQ-F-PAY-008"),
            marker(CONTROLLER, 8, null, "REQ-F-AUTH-001"),
            marker(CONTROLLER, 17, "login", "REQ-F-AUTH-001", "REQ-NFR-PERF-001"),
            marker(CONTROLLER, 22, "login", "REQ-F-AUTH-007"),
            marker(CONTROLLER, 28, "run", "REQ-F-AUTH-008"),
            marker(CONTROLLER, 37, "convert", "REQ-F-AUTH-009"),
            marker(PAYMENTS_TS, 1, null, "REQ-F-PAY-002"),
            marker(PAYMENTS_TS, 6, "charge", "REQ-F-PAY-002"),
            marker(PAYMENTS_TS, 14, "refund", "REQ-F-PAY-003"),
            marker(PAYMENTS_TS, 20, "cancel", "REQ-F-PAY-004"),
            marker(PAYMENTS_TS, 23, "cancel", "REQ-F-PAY-005")),
        SourceScanner.scan(resource("scan-fixture")).markers());
  }

  @Test
  void writesTheCatalogOfTheFixtureTree() throws Exception {
    String expected = Files.readString(resource("scan-fixture.catalog.yaml"), StandardCharsets.UTF_8);
    assertEquals(expected, SourceScanner.scan(resource("scan-fixture")).catalog());
  }

  @Test
  void theCatalogLoadsAndItsRulesGiveSpansTheKeysOfTheCodeThatMadeThem() throws Exception {
    Path file = Files.writeString(dir.resolve("scanned.yaml"),
        SourceScanner.scan(resource("scan-fixture")).catalog());
    Catalog catalog = CatalogLoader.load(file);

    assertEquals(List.of("app/auth/login.py", "src/main/java/com/example/auth/LoginController.java"),
        catalog.requirement("REQ-F-AUTH-001").code());
    assertEquals(List.of("REQ-NFR-PERF-001", "REQ-F-AUTH-001", "REQ-F-AUTH-003", "REQ-F-AUTH-004"),
        keysOf(catalog, span("/srv/auth/app/auth/login.py", "login")));
    assertEquals(List.of("REQ-NFR-PERF-001", "REQ-F-AUTH-001", "REQ-F-AUTH-003", "REQ-F-AUTH-004"),
        keysOf(catalog, span("app/auth/login.py", "login")));
    assertEquals(List.of("REQ-F-AUTH-001", "REQ-F-AUTH-002"),
        keysOf(catalog, span("/srv/auth/app/auth/login.py", "logout")));
    assertEquals(List.of("REQ-F-PAY-004", "REQ-F-PAY-005"),
        keysOf(catalog, span("C:/build/web/src/payments.ts", "cancel")));
    assertEquals(List.of(), keysOf(catalog, span("/srv/auth/xapp/auth/login.py", "login")));
    assertEquals(List.of(), keysOf(catalog, span("/srv/auth/app/auth/loginXpy", "login")));
  }

  @Test
  void theRulesAlsoMatchTheNewerCodeAttributesAndTheJavaAgentsClassAndMethod() throws Exception {
    Path file = Files.writeString(dir.resolve("scanned.yaml"),
        SourceScanner.scan(resource("scan-fixture")).catalog());
    Catalog catalog = CatalogLoader.load(file);
    List<String> login = List.of("REQ-NFR-PERF-001", "REQ-F-AUTH-001", "REQ-F-AUTH-003", "REQ-F-AUTH-004");

    // The stable code conventions (1.33): code.file.path, and a qualified code.function.name.
    assertEquals(login, keysOf(catalog, spanWith(
        "code.file.path", "/srv/auth/app/auth/login.py", "code.function.name", "app.auth.login.login")));
    assertEquals(List.of("REQ-F-PAY-002", "REQ-NFR-PERF-001", "REQ-F-PAY-006", "REQ-F-PAY-007"),
        keysOf(catalog, spanWith("code.file.path", "/go/src/services/ledger/ledger.go",
            "code.function.name", "example.com/ledger.(*Ledger).Book")));
    assertEquals(List.of("REQ-F-AUTH-001", "REQ-F-AUTH-002"), keysOf(catalog, spanWith(
        "code.file.path", "/srv/auth/app/auth/login.py", "code.function.name", "app.auth.login.relogin")),
        "another function of the file: only the file-wide markers");

    // The Java agent knows the class, not the file: in the experimental conventions as namespace
    // and method ...
    List<String> controller = List.of("REQ-F-AUTH-001", "REQ-NFR-PERF-001", "REQ-F-AUTH-007");
    assertEquals(controller, keysOf(catalog, spanWith(
        "code.namespace", "com.example.auth.LoginController", "code.function", "login")));
    // ... and in the stable ones as one qualified name.
    assertEquals(controller, keysOf(catalog, spanWith(
        "code.function.name", "com.example.auth.LoginController.login")));
    assertEquals(List.of("REQ-F-AUTH-001"), keysOf(catalog, spanWith(
        "code.function.name", "com.example.auth.LoginController.logout")), "the file-wide marker");
    assertEquals(List.of(), keysOf(catalog, spanWith(
        "code.function.name", "com.example.auth.OtherLoginController.login")));
  }

  private static Span span(String filepath, String function) {
    return spanWith("code.filepath", filepath, "code.function", function);
  }

  /** A span with the given attributes: key, value, key, value … */
  private static Span spanWith(String... attributes) {
    Span.Builder span = Span.newBuilder().setName("op");
    for (int i = 0; i < attributes.length; i += 2) {
      span.addAttributes(KeyValue.newBuilder().setKey(attributes[i])
          .setValue(AnyValue.newBuilder().setStringValue(attributes[i + 1])));
    }
    return span.build();
  }

  /** The keys of the first rule that matches, as the requirements processor applies rules. */
  private static List<String> keysOf(Catalog catalog, Span span) {
    for (TagRule rule : catalog.rules()) {
      if (RecordMatcher.compile(rule.match()).matches(Resource.getDefaultInstance(),
          InstrumentationScope.getDefaultInstance(), span)) {
        return rule.requirements();
      }
    }
    return List.of();
  }

  @Test
  void skipsHiddenDependencyAndBuildDirectoriesBinaryAndLargeFilesAndOtherTypes() throws IOException {
    String marked = "# Implements: REQ-A\n";
    for (String skipped : List.of(".git", ".venv", "node_modules", "target", "build", "dist",
        "vendor", "__pycache__")) {
      Files.createDirectories(dir.resolve(skipped));
      Files.writeString(dir.resolve(skipped).resolve("x.py"), marked);
    }
    Files.write(dir.resolve("binary.py"), (marked + "\0").getBytes(StandardCharsets.UTF_8));
    Files.writeString(dir.resolve("large.py"),
        marked + "#".repeat((int) SourceScanner.MAX_FILE_SIZE));
    Files.writeString(dir.resolve("README.md"), marked);
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/kept.py"), marked);

    assertEquals(List.of(marker("src/kept.py", 1, null, "REQ-A")),
        SourceScanner.scan(dir).markers());
  }

  @Test
  void aHiddenDirectoryGivenAsTheRootIsScanned() throws IOException {
    Path root = Files.createDirectories(dir.resolve(".checkout"));
    Files.writeString(root.resolve("a.sql"), "select 1; -- Implements: REQ-A\n");
    assertEquals(List.of(marker("a.sql", 1, null, "REQ-A")), SourceScanner.scan(root).markers());
  }

  @Test
  void anEmptyTreeMakesAnEmptyCatalogThatLoads() throws IOException {
    ScanResult result = SourceScanner.scan(dir);
    assertEquals(List.of(), result.markers());
    Path file = Files.writeString(dir.resolve("scanned.yaml"), result.catalog());
    assertEquals(0, CatalogLoader.load(file).requirements().size());
  }

  @Test
  void pathsAndNamesWithQuotesAndDollarsSurviveTheCatalog() throws IOException {
    Files.createDirectories(dir.resolve("it's $HOME"));
    Files.writeString(dir.resolve("it's $HOME/a.ts"),
        "function $init() {\n  // Implements: REQ-A\n}\n");
    Path file = Files.writeString(dir.resolve("scanned.yaml"), SourceScanner.scan(dir).catalog());
    Catalog catalog = CatalogLoader.load(file);

    assertEquals(List.of("it's $HOME/a.ts"), catalog.requirement("REQ-A").code());
    assertEquals(List.of("REQ-A"), keysOf(catalog, span("/x/it's $HOME/a.ts", "$init")));
    assertEquals(List.of(), keysOf(catalog, span("/x/it's $HOME/a.ts", "init")));
  }
}
