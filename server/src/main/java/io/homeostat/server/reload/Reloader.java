package io.homeostat.server.reload;

import io.homeostat.core.config.ConfigException;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricFamily;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.server.admin.MetricSource;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.config.LogsConfig;
import io.homeostat.server.logging.ServerLogging;
import io.homeostat.server.reload.ReloadResult.Outcome;
import io.homeostat.server.service.LiveService;
import io.homeostat.server.service.Service;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline YAML again and runs it in place of the config in force
 * ({@code POST /-/reload}, SIGHUP), as Prometheus and the Collector do on every reload asked for:
 * the pipelines restart even when the file did not change, so that files it names (catalogs,
 * certificates) are read again. A file with errors, or naming a catalog with errors, changes
 * nothing. Reloads run one at a time on a
 * thread of their own, since draining the old pipelines can take up to
 * {@code service.shutdown_timeout}.
 *
 * <p>Counts each outcome in {@code homeostat_config_reloads_total{result}} and, as Prometheus
 * does for its own reloads, reports {@code homeostat_config_last_reload_successful} and
 * {@code homeostat_config_last_reload_success_timestamp_seconds}. Those gauges are its own metric
 * source because a reload clears the registry's gauges.
 */
public final class Reloader implements MetricSource, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Reloader.class);

  private final Path file;
  private final Function<Path, LoadedConfig> loader;
  private final LiveService live;
  private final Clock clock;
  private final Map<Outcome, Counter> reloads = new EnumMap<>(Outcome.class);
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "homeostat-reload");
    t.setDaemon(true);
    return t;
  });
  /** False until the first config runs: a reload must not race the start. */
  private volatile boolean started;
  private volatile boolean lastSuccessful = true;
  private volatile double lastSuccessSeconds;

  /**
   * @param loader reads and checks a pipeline YAML, throwing {@link ConfigException} on errors
   */
  public Reloader(Path file, Function<Path, LoadedConfig> loader, LiveService live,
      MetricRegistry metrics, Clock clock) {
    this.file = file;
    this.loader = loader;
    this.live = live;
    this.clock = clock;
    this.lastSuccessSeconds = clock.millis() / 1000.0;
    for (Outcome outcome : Outcome.values()) {
      reloads.put(outcome, metrics.counter("homeostat_config_reloads_total",
          "Reloads of the pipeline config asked for, by result: reloaded, invalid, failed, "
              + "unavailable (asked while the server started or stopped).",
          "result", outcome.label()));
    }
  }

  /** Takes reloads from now on: the config given at start runs. */
  public void started() {
    this.lastSuccessSeconds = clock.millis() / 1000.0;
    this.started = true;
  }

  /**
   * Reloads on the reload thread, after any reload already asked for. The future always completes
   * with a result: every failure is one.
   *
   * @param trigger what asked for it, for the log: {@code SIGHUP}, {@code admin}
   */
  public CompletableFuture<ReloadResult> reloadAsync(String trigger) {
    if (!started) {
      return CompletableFuture.completedFuture(record(trigger, ReloadResult.unavailable(file,
          "the server is still starting; reload once /readyz answers 200")));
    }
    try {
      return CompletableFuture.supplyAsync(() -> reload(trigger), thread);
    } catch (RejectedExecutionException shuttingDown) {
      return CompletableFuture.completedFuture(record(trigger,
          ReloadResult.unavailable(file, "the server is shutting down")));
    }
  }

  private ReloadResult reload(String trigger) {
    ReloadResult result;
    try {
      result = replace();
    } catch (RuntimeException | LinkageError e) {
      log.atError().setCause(e).addKeyValue("config", file).log("config reload failed unexpectedly");
      result = new ReloadResult(Outcome.FAILED, file, List.of(), e.toString(), !live.failed());
    }
    return record(trigger, result);
  }

  private ReloadResult replace() {
    LoadedConfig previous = live.config();
    LoadedConfig next;
    try {
      next = loader.apply(file);
      // The files the components read (catalogs) are checked before anything stops.
      Service.check(next);
    } catch (ConfigException e) {
      return new ReloadResult(Outcome.INVALID, file,
          e.problems().stream().map(ConfigProblem::toString).toList(), null, false);
    }
    try {
      if (!live.replace(next)) {
        return ReloadResult.unavailable(file, "the server is shutting down");
      }
    } catch (LiveService.ReplaceFailedException e) {
      return new ReloadResult(Outcome.FAILED, file, List.of(), String.valueOf(e.getMessage()),
          e.restored());
    }
    applyLogSettings(previous.service().telemetry().logs(), next.service().telemetry().logs());
    if (!previous.service().admin().equals(next.service().admin())) {
      log.atWarn().addKeyValue("config", file).addKeyValue("key", "service.admin")
          .log("the admin endpoint keeps its address until the server restarts");
    }
    return ReloadResult.reloaded(file);
  }

  private ReloadResult record(String trigger, ReloadResult result) {
    reloads.get(result.outcome()).inc();
    if (result.outcome() != Outcome.UNAVAILABLE) {
      lastSuccessful = result.successful();
      if (lastSuccessful) {
        lastSuccessSeconds = clock.millis() / 1000.0;
      }
    }
    var line = (result.successful() ? log.atInfo() : log.atError()).addKeyValue("config", file)
        .addKeyValue("trigger", trigger).addKeyValue("result", result.outcome().label());
    if (!result.errors().isEmpty()) {
      line = line.addKeyValue("errors", String.join("; ", result.errors()));
    }
    if (result.outcome() == Outcome.FAILED) {
      line = line.addKeyValue("error", result.error()).addKeyValue("restored", result.restored());
    }
    line.log(result.message());
    return result;
  }

  private static void applyLogSettings(LogsConfig before, LogsConfig after) {
    if (!before.equals(after)) {
      ServerLogging.configure(after.level(), after.encoding());
    }
  }

  @Override
  public List<MetricFamily> collect() {
    return List.of(
        gauge("homeostat_config_last_reload_successful",
            "1 when the last reload of the pipeline config (or the start) worked, else 0.",
            lastSuccessful ? 1 : 0),
        gauge("homeostat_config_last_reload_success_timestamp_seconds",
            "When the pipeline config last started or reloaded, in seconds since the epoch.",
            lastSuccessSeconds));
  }

  private static MetricFamily gauge(String name, String help, double value) {
    return new MetricFamily(name, help, MetricFamily.Type.GAUGE,
        List.of(new MetricFamily.Sample(Map.of(), value)));
  }

  /** Takes no more reloads; one under way finishes, and a shutdown waits for it. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
