package io.homeostat.server;

import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.Homeostasis;
import io.homeostat.server.admin.AdminRoutes;
import io.homeostat.server.admin.AdminServer;
import io.homeostat.server.admin.ProcessMetrics;
import io.homeostat.server.admin.Readiness;
import io.homeostat.server.admin.Route;
import io.homeostat.server.api.ApiRoutes;
import io.homeostat.server.config.ConfigLoader;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.reload.ReloadResult;
import io.homeostat.server.reload.ReloadRoute;
import io.homeostat.server.reload.Reloader;
import io.homeostat.server.service.LiveService;
import io.homeostat.server.service.Service;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: the admin endpoint, then the pipelines of a loaded config, which
 * {@link #reload} replaces. The admin endpoint starts first so that {@code /healthz} answers and
 * {@code /readyz} says "starting" while the pipelines come up; it stays up across reloads.
 */
public final class Homeostat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Homeostat.class);

  private final MetricRegistry metrics;
  private final LiveService live;
  private final Reloader reloader;
  private final AdminServer admin;

  private Homeostat(MetricRegistry metrics, LiveService live, Reloader reloader, AdminServer admin) {
    this.metrics = metrics;
    this.live = live;
    this.reloader = reloader;
    this.admin = admin;
  }

  /** Creates and starts everything {@code config} describes; reloads read its file again. */
  public static Homeostat start(LoadedConfig config) throws Exception {
    return start(config, file -> new ConfigLoader(ComponentRegistry.load(), EnvExpander.system()).load(file));
  }

  /**
   * Creates and starts everything {@code config} describes; throws if anything cannot start.
   *
   * @param loader how a reload reads and checks {@code config.file()}
   */
  public static Homeostat start(LoadedConfig config, Function<Path, LoadedConfig> loader)
      throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    LiveService live = new LiveService(config, metrics);
    Reloader reloader = new Reloader(config.file(), loader, live, metrics, Clock.systemUTC());
    List<Route> routes = new ArrayList<>(AdminRoutes.defaults(() -> readiness(live),
        List.of(metrics::collect, reloader, new ProcessMetrics())));
    routes.add(ReloadRoute.of(reloader));
    routes.addAll(ApiRoutes.routes(() -> live.homeostasis().map(Homeostasis::api)));
    AdminServer admin = AdminServer.start(config.service().admin().endpoint(), routes);
    try {
      live.start();
    } catch (Exception e) {
      reloader.close();
      admin.close();
      throw e;
    }
    reloader.started();
    log.atInfo().addKeyValue("config", config.file())
        .addKeyValue("pipelines", config.pipelines().size())
        .addKeyValue("admin", config.service().admin().endpoint().withPort(admin.address().getPort()))
        .log("Homeostat is running");
    return new Homeostat(metrics, live, reloader, admin);
  }

  private static Readiness readiness(LiveService live) {
    if (live.failed()) {
      return Readiness.FAILED;
    }
    return switch (live.service().state()) {
      case STARTING -> Readiness.STARTING;
      case READY -> Readiness.READY;
      case STOPPING, STOPPED -> Readiness.STOPPING;
    };
  }

  /**
   * Reads the config file again and runs it, after any reload under way; the future completes
   * once the new pipelines run, or with why they do not.
   *
   * @param trigger what asked for it, for the log: {@code SIGHUP}, {@code admin}
   */
  public CompletableFuture<ReloadResult> reload(String trigger) {
    return reloader.reloadAsync(trigger);
  }

  /**
   * Stops taking data and delivers what was accepted, within {@code service.shutdown_timeout}.
   * A reload under way finishes first.
   */
  public void shutdown() {
    reloader.close();
    Duration timeout = live.config().service().shutdownTimeout();
    log.atInfo().addKeyValue("timeout", Durations.format(timeout)).log("shutting down: draining the pipeline and exporter queues");
    live.shutdown(timeout);
    admin.shutdown(Deadline.in(timeout));
    log.info("Homeostat stopped");
  }

  @Override
  public void close() {
    if (service().state() != Service.State.STOPPED || live.failed()) {
      shutdown();
    }
  }

  /** The running pipelines of the config in force. */
  public Service service() {
    return live.service();
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** Where the admin endpoint listens (the real port when the config asked for port 0). */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }
}
