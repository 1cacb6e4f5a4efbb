package io.homeostat.core.req;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog of one file, loaded once per server and shared by every component that names the
 * file (the requirements processor of each pipeline, homeostasis), and reloaded when the file
 * changes.
 *
 * <p>Readers call {@link #current()}, a volatile read, on any thread; a reload builds a whole new
 * {@link Catalog} and swaps it in, so a reader sees the old catalog or the new one, never a mix.
 * A component that derives state from the catalog (compiled rules) keeps the catalog it derived
 * it from and rebuilds when {@code current()} returns another instance.
 *
 * <p>While at least one component has {@link #start() started} it, a daemon thread compares the
 * file's modification time and size with those last read, every reload interval. A changed file
 * is read again; if it has errors, each is logged once with a warning that the previous catalog
 * stays in use, and the file is read again only when it changes again.
 */
public final class CatalogStore {

  /** How often the file is checked for changes unless configured. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);

  private final Path file;
  private final Duration reloadInterval;
  private final Logger log;
  private final Object reloading = new Object();
  private volatile Catalog current;
  /** The file as it was at the last attempt to read it, successful or not. */
  private Stamp attempted;
  private int holders;
  private ScheduledExecutorService watcher;

  CatalogStore(Path file, Duration reloadInterval, Logger log) {
    this.file = file;
    this.reloadInterval = reloadInterval;
    this.log = log;
    this.attempted = Stamp.of(file);
    ConfigProblems problems = new ConfigProblems();
    Catalog catalog = CatalogLoader.read(file, problems);
    problems.throwIfErrors();
    logWarnings(problems);
    this.current = catalog;
  }

  /**
   * The store of the catalog at {@code path} (resolved against the config's directory) shared by
   * the components of this server, loading it if no component has yet.
   *
   * @param reloadInterval how often to check the file for changes; zero turns reloading off. The
   *     first component to open a file sets it.
   * @throws io.homeostat.core.config.ConfigException listing every error when the file is
   *     missing or invalid
   */
  public static CatalogStore open(ComponentSettings settings, String path, Duration reloadInterval) {
    Path file = settings.resolve(path).toAbsolutePath().normalize();
    return settings.shared().get("catalog:" + file, CatalogStore.class,
        () -> new CatalogStore(file, reloadInterval, LOG));
  }

  /** The catalog as last loaded without errors. */
  public Catalog current() {
    return current;
  }

  /** The catalog's file, absolute. */
  public Path file() {
    return file;
  }

  /** Starts watching the file, if this is the first component to start; call from {@code start()}. */
  public synchronized void start() {
    holders++;
    if (holders > 1 || reloadInterval.isZero()) {
      return;
    }
    watcher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "homeostat-catalog-" + file.getFileName());
      thread.setDaemon(true);
      return thread;
    });
    long nanos = reloadInterval.toNanos();
    watcher.scheduleWithFixedDelay(this::reloadSafely, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * Stops watching once every component that started the store has stopped it, and waits for the
   * watching thread to end; call from {@code shutdown()}.
   */
  public synchronized void stop() {
    if (holders == 0 || --holders > 0 || watcher == null) {
      return;
    }
    // Not shutdownNow: interrupting a reload in progress would fail it and log a false error.
    watcher.shutdown();
    try {
      if (!watcher.awaitTermination(5, TimeUnit.SECONDS)) {
        log.atWarn().addKeyValue("catalog", file)
            .log("the catalog watcher did not stop within 5s; it is a daemon and ends with the JVM");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watcher = null;
  }

  /**
   * Reads the file again if it changed since it was last read. Returns true when a new catalog is
   * in use.
   */
  boolean reloadIfChanged() {
    synchronized (reloading) {
      Stamp stamp = Stamp.of(file);
      if (stamp.equals(attempted)) {
        return false;
      }
      attempted = stamp;
      ConfigProblems problems = new ConfigProblems();
      Catalog next = CatalogLoader.read(file, problems);
      if (next == null) {
        for (ConfigProblem error : problems.errors()) {
          log.atWarn().addKeyValue("catalog", file).log(error.toString());
        }
        int count = problems.errors().size();
        log.atWarn().addKeyValue("catalog", file).addKeyValue("errors", count)
            .log("the changed catalog has " + count + (count == 1 ? " error" : " errors")
                + "; the previous catalog stays in use until the file is fixed");
        return false;
      }
      logWarnings(problems);
      current = next;
      log.atInfo().addKeyValue("catalog", file)
          .addKeyValue("requirements", next.requirements().size())
          .addKeyValue("metrics", next.metrics().size()).addKeyValue("rules", next.rules().size())
          .log("catalog reloaded");
      return true;
    }
  }

  /** The watcher's task: a failure must not end the schedule, which would stop reloading silently. */
  private void reloadSafely() {
    try {
      reloadIfChanged();
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("catalog", file).setCause(e)
          .log("checking the catalog for changes failed; the current catalog stays in use");
    }
  }

  private void logWarnings(ConfigProblems problems) {
    problems.warnings().forEach(w -> log.atWarn().addKeyValue("catalog", file).log(w.toString()));
  }

  /** What tells a changed file from the one last read; a missing file has its own stamp. */
  private record Stamp(FileTime modified, long size) {
    static final Stamp MISSING = new Stamp(FileTime.fromMillis(0), -1);

    static Stamp of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime(), attributes.size());
      } catch (IOException e) {
        return MISSING;
      }
    }
  }
}
