package io.homeostat.server;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.Durations;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.server.admin.AdminRoutes;
import io.homeostat.server.admin.AdminServer;
import io.homeostat.server.admin.ProcessMetrics;
import io.homeostat.server.admin.Readiness;
import io.homeostat.server.admin.Route;
import io.homeostat.server.api.ApiRoutes;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.service.Service;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running server: the admin endpoint, then the pipelines of a loaded config. The admin
 * endpoint starts first so that {@code /healthz} answers and {@code /readyz} says "starting" while
 * the pipelines come up.
 */
public final class Homeostat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Homeostat.class);

  private final LoadedConfig config;
  private final MetricRegistry metrics;
  private final Service service;
  private final AdminServer admin;

  private Homeostat(LoadedConfig config, MetricRegistry metrics, Service service, AdminServer admin) {
    this.config = config;
    this.metrics = metrics;
    this.service = service;
    this.admin = admin;
  }

  /** Creates and starts everything {@code config} describes; throws if anything cannot start. */
  public static Homeostat start(LoadedConfig config) throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    Service service = Service.create(config, metrics);
    List<Route> routes = new ArrayList<>(AdminRoutes.defaults(() -> readiness(service.state()),
        List.of(metrics::collect, new ProcessMetrics())));
    service.homeostasis().ifPresent(h -> routes.addAll(ApiRoutes.routes(h.api())));
    AdminServer admin = AdminServer.start(config.service().admin().endpoint(), routes);
    try {
      service.start();
    } catch (Exception e) {
      admin.close();
      throw e;
    }
    log.atInfo().addKeyValue("config", config.file())
        .addKeyValue("pipelines", config.pipelines().size())
        .addKeyValue("admin", config.service().admin().endpoint().withPort(admin.address().getPort()))
        .log("Homeostat is running");
    return new Homeostat(config, metrics, service, admin);
  }

  private static Readiness readiness(Service.State state) {
    return switch (state) {
      case STARTING -> Readiness.STARTING;
      case READY -> Readiness.READY;
      case STOPPING, STOPPED -> Readiness.STOPPING;
    };
  }

  /** Stops taking data and delivers what was accepted, within {@code service.shutdown_timeout}. */
  public void shutdown() {
    Duration timeout = config.service().shutdownTimeout();
    log.atInfo().addKeyValue("timeout", Durations.format(timeout)).log("shutting down: draining the pipeline and exporter queues");
    Deadline deadline = Deadline.in(timeout);
    service.shutdown(deadline);
    admin.shutdown(deadline);
    log.info("Homeostat stopped");
  }

  @Override
  public void close() {
    if (service.state() != Service.State.STOPPED) {
      shutdown();
    }
  }

  public Service service() {
    return service;
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** Where the admin endpoint listens (the real port when the config asked for port 0). */
  public InetSocketAddress adminAddress() {
    return admin.address();
  }
}
