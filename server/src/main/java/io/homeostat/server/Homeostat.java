package io.homeostat.server;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.server.config.LoadedConfig;
import io.homeostat.server.service.Service;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running server: the pipelines of a loaded config. */
public final class Homeostat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Homeostat.class);

  private final LoadedConfig config;
  private final MetricRegistry metrics;
  private final Service service;

  private Homeostat(LoadedConfig config, MetricRegistry metrics, Service service) {
    this.config = config;
    this.metrics = metrics;
    this.service = service;
  }

  /** Creates and starts everything {@code config} describes; throws if anything cannot start. */
  public static Homeostat start(LoadedConfig config) throws Exception {
    MetricRegistry metrics = new MetricRegistry();
    Service service = Service.create(config, metrics);
    service.start();
    log.atInfo().addKeyValue("config", config.file())
        .addKeyValue("pipelines", config.pipelines().size())
        .log("Homeostat is running");
    return new Homeostat(config, metrics, service);
  }

  /** Stops taking data and delivers what was accepted, within {@code service.shutdown_timeout}. */
  public void shutdown() {
    Duration timeout = config.service().shutdownTimeout();
    log.atInfo().addKeyValue("timeout", timeout).log("shutting down: draining the pipeline and exporter queues");
    service.shutdown(Deadline.in(timeout));
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
}
