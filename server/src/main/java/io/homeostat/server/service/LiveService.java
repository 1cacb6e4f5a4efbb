package io.homeostat.server.service;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.Homeostasis;
import io.homeostat.server.config.LoadedConfig;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Service} of the config in force, which a reload replaces as the Collector does: the
 * running pipelines drain and stop, then the new ones start on the same ports and data directory,
 * so disk queues and homeostasis state carry over. When the new config cannot start, the previous
 * one starts again.
 *
 * <p>Replacing and stopping are serialised: a SIGTERM during a reload waits for it, and a reload
 * whose old pipelines were draining when the SIGTERM came starts nothing new.
 */
public final class LiveService {

  private static final Logger log = LoggerFactory.getLogger(LiveService.class);

  private final MetricRegistry metrics;
  private volatile LoadedConfig config;
  private volatile Service service;
  /** Set when neither a reloaded config nor the one before it could start. */
  private volatile boolean failed;
  /** Set as soon as a shutdown is asked for, before it waits for a reload under way. */
  private volatile boolean stopping;

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
   * Runs {@code next} in place of the config in force. After a failure that left nothing running,
   * any config that starts brings the server back.
   *
   * @return false when the server is shutting down and nothing was started
   * @throws ReplaceFailedException when {@code next} could not start; its
   *     {@link ReplaceFailedException#restored()} says whether the previous config runs again
   */
  public synchronized boolean replace(LoadedConfig next) throws ReplaceFailedException {
    if (stopping) {
      return false;
    }
    LoadedConfig previous = config;
    if (!failed) {
      service.shutdown(Deadline.in(previous.service().shutdownTimeout()));
    }
    if (stopping) {
      return false;
    }
    try {
      run(next);
      return true;
    } catch (Exception | LinkageError failure) {
      log.atWarn().setCause(failure).addKeyValue("config", next.file())
          .log("the new config could not start; starting the previous one again");
      try {
        run(previous);
      } catch (Exception | LinkageError again) {
        failure.addSuppressed(again);
        failed = true;
        throw new ReplaceFailedException(failure, false);
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
    failed = false;
  }

  /**
   * Stops taking data and delivers what was accepted, within {@code timeout} from when a reload
   * under way has finished.
   */
  public void shutdown(Duration timeout) {
    stopping = true;
    synchronized (this) {
      if (service.state() != Service.State.STOPPED) {
        service.shutdown(Deadline.in(timeout));
      }
    }
  }

  /** Whether no pipeline runs because no config could start, rather than by a shutdown. */
  public boolean failed() {
    return failed && !stopping;
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

    ReplaceFailedException(Throwable cause, boolean restored) {
      super(cause.getMessage(), cause);
      this.restored = restored;
    }

    /** Whether the previous config runs again; if not, no pipeline runs. */
    public boolean restored() {
      return restored;
    }
  }
}
