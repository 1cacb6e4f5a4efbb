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
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline YAML again and runs it in place of the config in force
 * ({@code POST /-/reload}, SIGHUP). A file with errors changes nothing; a file that passes every
 * check replaces the running pipelines ({@link LiveService#replace}). Reloads run one at a time on
 * a thread of their own, since draining the old pipelines can take up to
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
          "Reloads of the pipeline config, by result: reloaded, unchanged, invalid, failed.",
          "result", outcome.label()));
    }
  }

  /** Reloads on the reload thread, after any reload already asked for. */
  public CompletableFuture<ReloadResult> reloadAsync(String trigger) {
    return CompletableFuture.supplyAsync(() -> reload(trigger), thread);
  }

  /** Reads the file and runs it if it changed; every failure becomes a result, never an exception. */
  ReloadResult reload(String trigger) {
    LoadedConfig previous = live.config();
    ReloadResult result;
    try {
      LoadedConfig next = loader.apply(file);
      boolean replaced = live.replace(next);
      result = ReloadResult.of(replaced ? Outcome.RELOADED : Outcome.UNCHANGED, file);
      if (replaced) {
        applyLogSettings(previous.service().telemetry().logs(), next.service().telemetry().logs());
        warnAboutRestartOnlyKeys(previous, next);
      }
    } catch (ConfigException e) {
      List<String> errors = e.problems().stream().map(ConfigProblem::toString).toList();
      result = new ReloadResult(Outcome.INVALID, file, errors, null, false);
    } catch (LiveService.ReplaceFailedException e) {
      result = new ReloadResult(Outcome.FAILED, file, List.of(), String.valueOf(e.getMessage()),
          e.restored());
    } catch (RuntimeException e) {
      log.atError().setCause(e).addKeyValue("config", file).log("config reload failed unexpectedly");
      result = new ReloadResult(Outcome.FAILED, file, List.of(), e.toString(), !live.failed());
    }
    record(trigger, result);
    return result;
  }

  private void record(String trigger, ReloadResult result) {
    reloads.get(result.outcome()).inc();
    lastSuccessful = result.outcome() == Outcome.RELOADED || result.outcome() == Outcome.UNCHANGED;
    if (lastSuccessful) {
      lastSuccessSeconds = clock.millis() / 1000.0;
    }
    var line = (lastSuccessful ? log.atInfo() : log.atError()).addKeyValue("config", file)
        .addKeyValue("trigger", trigger).addKeyValue("result", result.outcome().label());
    switch (result.outcome()) {
      case RELOADED -> line.log("config reloaded: the new pipelines run");
      case UNCHANGED -> line.log("config reload: the file runs the same pipelines; nothing restarted");
      case INVALID -> line.addKeyValue("errors", String.join("; ", result.errors()))
          .log("config reload refused: the file has errors and the config in force keeps running; "
              + "fix them (homeostat validate --config FILE lists them) and reload again");
      case FAILED -> line.addKeyValue("error", result.error()).addKeyValue("restored", result.restored())
          .log(result.restored()
              ? "config reload failed: the new config could not start; the previous one runs again"
              : "config reload failed and the previous config could not start either: no pipeline "
                  + "runs; fix the config and reload again");
    }
  }

  private static void applyLogSettings(LogsConfig before, LogsConfig after) {
    if (!before.equals(after)) {
      ServerLogging.configure(after.level(), after.encoding());
    }
  }

  private void warnAboutRestartOnlyKeys(LoadedConfig previous, LoadedConfig next) {
    if (!previous.service().admin().equals(next.service().admin())) {
      log.atWarn().addKeyValue("config", file).addKeyValue("key", "service.admin")
          .log("the admin endpoint keeps its address until the server restarts");
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
