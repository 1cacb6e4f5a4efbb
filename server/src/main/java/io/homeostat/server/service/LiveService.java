package io.homeostat.server.service;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.ConfigException;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.Homeostasis;
import io.homeostat.server.config.LoadedConfig;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Service} of the config in force, which a reload replaces as the Collector does: the
 * running pipelines drain and stop, then the new ones start on the same ports and data directory,
 * so disk queues and homeostasis state carry over. When the new config cannot start, the previous
 * one starts again.
 *
 * <p>Replacing and stopping are serialised: a SIGTERM during a reload waits for it to finish.
 */
public final class LiveService {

  private static final Logger log = LoggerFactory.getLogger(LiveService.class);

  private final MetricRegistry metrics;
  private volatile LoadedConfig config;
  private volatile Service service;
  private volatile boolean shutDown;

  /** Creates the components of {@code config}; nothing runs until {@link #start}. */
  public LiveService(LoadedConfig config, MetricRegistry metrics) {
    this.metrics = metrics;
    this.config = config;
    this.service = Service.create(config, metrics);
  }

  public synchronized void start() throws Exception {
    service.start();
  }

  /**
   * Runs {@code next} in place of the config in force, unless it would run the same pipelines.
   * After a failure that left nothing running, any config that starts brings the server back.
   *
   * @return false when nothing changed and nothing was restarted, or the server is shutting down
   * @throws ConfigException when a file {@code next} reads at start (a catalog) has errors; the
   *     previous config runs again
   * @throws ReplaceFailedException when {@code next} could not start; its
   *     {@link ReplaceFailedException#restored()} says whether the previous config runs again
   */
  public synchronized boolean replace(LoadedConfig next) throws ReplaceFailedException {
    LoadedConfig previous = config;
    if (shutDown || (!failed() && previous.runsLike(next))) {
      return false;
    }
    if (!failed()) {
      service.shutdown(Deadline.in(previous.service().shutdownTimeout()));
    }
    try {
      run(next);
      return true;
    } catch (Exception failure) {
      log.atWarn().setCause(failure).addKeyValue("config", next.file())
          .log("the new config could not start; starting the previous one again");
      try {
        run(previous);
      } catch (Exception again) {
        failure.addSuppressed(again);
        throw new ReplaceFailedException(failure, false);
      }
      if (failure instanceof ConfigException problems) {
        throw problems;
      }
      throw new ReplaceFailedException(failure, true);
    }
  }

  /** Creates and starts the components of {@code next}; on failure nothing of it runs. */
  private void run(LoadedConfig next) throws Exception {
    // The stopped components' gauges would read stale values; the new ones register their own.
    metrics.clearGauges();
    Service created = Service.create(next, metrics);
    config = next;
    service = created;
    created.start();
  }

  /** Stops taking data and delivers what was accepted, by {@code deadline}. */
  public synchronized void shutdown(Deadline deadline) {
    shutDown = true;
    if (service.state() != Service.State.STOPPED) {
      service.shutdown(deadline);
    }
  }

  /** Whether no pipeline runs because a config could not start, rather than by a shutdown. */
  public boolean failed() {
    return !shutDown && service.state() == Service.State.STOPPED;
  }

  /** The config in force. */
  public LoadedConfig config() {
    return config;
  }

  /** The running pipelines of the config in force. */
  public Service service() {
    return service;
  }

  /** The homeostasis runtime of the config in force, when it has one. */
  public Optional<Homeostasis> homeostasis() {
    return service.homeostasis();
  }

  /** A config that passed every check but could not start. */
  public static final class ReplaceFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean restored;

    ReplaceFailedException(Exception cause, boolean restored) {
      super(cause.getMessage(), cause);
      this.restored = restored;
    }

    /** Whether the previous config runs again; if not, no pipeline runs. */
    public boolean restored() {
      return restored;
    }
  }
}
