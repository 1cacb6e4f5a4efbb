package io.homeostat.core.req;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.SharedState;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

/** Reloading is driven by calling the watcher's check by hand; one test lets the watcher run. */
class CatalogStoreTest {

  @TempDir
  Path dir;

  private final RecordingLogger log = new RecordingLogger();
  private Path file;
  private long modified = 1_700_000_000_000L;
  private CatalogStore started;

  @AfterEach
  void stopWatcher() {
    if (started != null) {
      started.stop();
    }
  }

  /** Writes the catalog and moves its modification time on, as an editor's save would. */
  private void save(String yaml) throws IOException {
    file = Files.writeString(dir.resolve("requirements.yaml"), yaml);
    modified += 1000;
    Files.setLastModifiedTime(file, FileTime.fromMillis(modified));
  }

  private static String requirement(String id) {
    return "requirements:\n  - id: " + id + "\n";
  }

  private CatalogStore store(Duration reloadInterval) {
    return new CatalogStore(file.toAbsolutePath(), reloadInterval, log);
  }

  @Test
  void aChangedFileIsReadAgainAndTheNewCatalogSwappedIn() throws IOException {
    save(requirement("REQ-A"));
    CatalogStore store = store(Duration.ofSeconds(10));
    Catalog first = store.current();
    assertEquals(Set.of("REQ-A"), first.requirements().keySet());

    assertFalse(store.reloadIfChanged());
    assertSame(first, store.current());

    save(requirement("REQ-B"));
    assertTrue(store.reloadIfChanged());
    assertEquals(Set.of("REQ-B"), store.current().requirements().keySet());
    assertEquals(List.of("INFO catalog reloaded"), log.lines);
  }

  @Test
  void aReloadWithErrorsKeepsThePreviousCatalogAndLogsEachProblemOnce() throws IOException {
    save(requirement("REQ-A"));
    CatalogStore store = store(Duration.ofSeconds(10));
    Catalog good = store.current();

    save("requirements:\n  - id: REQ-a\n  - id: REQ-b\n");
    assertFalse(store.reloadIfChanged());
    assertFalse(store.reloadIfChanged());

    assertSame(good, store.current());
    String fix = " is not a requirement key: write REQ- and upper-case letters or digits, in parts "
        + "joined by '-', such as REQ-F-AUTH-001";
    assertEquals(List.of(
        "WARN " + file.toAbsolutePath() + ":2:9: requirements[0].id: 'REQ-a'" + fix,
        "WARN " + file.toAbsolutePath() + ":3:9: requirements[1].id: 'REQ-b'" + fix,
        "WARN the changed catalog has 2 errors; the previous catalog stays in use until the file "
            + "is fixed"), log.lines);

    save(requirement("REQ-C"));
    assertTrue(store.reloadIfChanged());
    assertEquals(Set.of("REQ-C"), store.current().requirements().keySet());
  }

  @Test
  void aFileRemovedWhileRunningKeepsTheCatalogUntilItIsBack() throws IOException {
    save(requirement("REQ-A"));
    CatalogStore store = store(Duration.ofSeconds(10));
    Catalog good = store.current();

    Files.delete(file);
    assertFalse(store.reloadIfChanged());
    assertFalse(store.reloadIfChanged());
    assertSame(good, store.current());
    assertEquals(List.of(
        "WARN " + file.toAbsolutePath() + ": no such catalog file: check the path (a relative "
            + "path starts at the directory of the pipeline config)",
        "WARN the changed catalog has 1 error; the previous catalog stays in use until the file "
            + "is fixed"), log.lines);

    save(requirement("REQ-B"));
    assertTrue(store.reloadIfChanged());
    assertEquals(Set.of("REQ-B"), store.current().requirements().keySet());
  }

  @Test
  void theComponentsOfOneServerShareOneStorePerFile() throws IOException {
    save(requirement("REQ-A"));
    SharedState shared = new SharedState();
    ComponentSettings traces = new ComponentSettings(ComponentId.parse("requirements"),
        new MetricRegistry(), dir, shared);
    ComponentSettings homeostasis = new ComponentSettings(ComponentId.parse("homeostasis"),
        new MetricRegistry(), dir.resolve("sub"), shared);
    CatalogStore store = CatalogStore.open(traces, "requirements.yaml", Duration.ofSeconds(10));

    assertSame(store, CatalogStore.open(homeostasis, "../requirements.yaml", Duration.ofSeconds(1)));
    assertEquals(file.toAbsolutePath(), store.file());
    ComponentSettings otherServer = new ComponentSettings(ComponentId.parse("requirements"),
        new MetricRegistry(), dir);
    assertNotSame(store, CatalogStore.open(otherServer, "requirements.yaml", Duration.ofSeconds(10)));
  }

  @Test
  void openingAMissingFileIsAConfigError() {
    ComponentSettings settings = new ComponentSettings(ComponentId.parse("requirements"),
        new MetricRegistry(), dir);
    ConfigException e = assertThrows(ConfigException.class,
        () -> CatalogStore.open(settings, "missing.yaml", Duration.ofSeconds(10)));
    assertEquals(dir.resolve("missing.yaml") + ": no such catalog file: check the path (a relative "
        + "path starts at the directory of the pipeline config)", e.getMessage());
  }

  @Test
  void theWatcherReloadsOnADaemonThreadUntilTheLastHolderStops() throws Exception {
    save(requirement("REQ-A"));
    CatalogStore store = store(Duration.ofMillis(5));
    store.start();
    store.start();
    started = store;

    save(requirement("REQ-B"));
    assertTrue(log.reloaded.await(10, TimeUnit.SECONDS), "no reload within 10s");
    assertEquals(Set.of("REQ-B"), store.current().requirements().keySet());
    Thread watcher = log.reloadThread;
    assertEquals("homeostat-catalog-requirements.yaml", watcher.getName());
    assertTrue(watcher.isDaemon());

    store.stop();
    assertTrue(watcher.isAlive(), "one holder is still started");
    store.stop();
    watcher.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(watcher.isAlive());
    started = null;
  }

  @Test
  void aZeroIntervalNeverWatches() throws IOException {
    save(requirement("REQ-A"));
    CatalogStore store = store(Duration.ZERO);
    store.start();
    started = store;
    // Threads of stores that earlier tests stopped may take a moment to end.
    Await.until("no catalog thread runs", () -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("homeostat-catalog-") && t.isAlive()));
  }

  /** What the store logs, as "LEVEL message" lines; the first reload counts down a latch. */
  private static final class RecordingLogger extends LegacyAbstractLogger
      implements LoggingEventAware {
    private static final long serialVersionUID = 1L;

    final List<String> lines = new CopyOnWriteArrayList<>();
    final transient CountDownLatch reloaded = new CountDownLatch(1);
    transient volatile Thread reloadThread;

    RecordingLogger() {
      this.name = "catalog-test";
    }

    @Override
    public void log(LoggingEvent event) {
      record(event.getLevel(), event.getMessage());
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message,
        Object[] arguments, Throwable throwable) {
      record(level, message);
    }

    private void record(Level level, String message) {
      lines.add(level + " " + message);
      if (level == Level.INFO) {
        reloadThread = Thread.currentThread();
        reloaded.countDown();
      }
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
