package io.homeostat.server.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signals {@code run} answers: SIGTERM and SIGINT drain and exit 0 instead of letting the JVM
 * exit at once (a shutdown hook would end with status 143); SIGHUP reloads the config, as it does
 * for the Collector and Prometheus.
 */
final class Signals {

  private static final Logger log = LoggerFactory.getLogger(Signals.class);

  private Signals() {}

  /**
   * Runs {@code action} on SIGTERM and SIGINT. Where the JVM does not offer signal handling, a
   * shutdown hook does the same work.
   */
  static void onTerminate(Runnable action) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        handle(name, action);
      }
    } catch (IllegalArgumentException | LinkageError unavailable) {
      Runtime.getRuntime().addShutdownHook(new Thread(action, "homeostat-shutdown"));
    }
  }

  /**
   * Runs {@code action} on SIGHUP, where it can. A process started with SIGHUP ignored (by
   * {@code nohup}, say) keeps ignoring it: unlike Go's, the JVM does not take over an ignored
   * shutdown signal. That is logged, since {@code POST /-/reload} is then the way to reload.
   */
  static void onHangup(Runnable action) {
    try {
      if (handle("HUP", action) == sun.misc.SignalHandler.SIG_IGN) {
        log.warn("SIGHUP is ignored by this process (as nohup leaves it), so it will not reload "
            + "the config; use POST /-/reload on the admin endpoint, or start without nohup");
      }
    } catch (IllegalArgumentException | LinkageError unavailable) {
      log.warn("this JVM offers no SIGHUP handling; use POST /-/reload on the admin endpoint to reload");
    }
  }

  /** Installs {@code action} for the signal and returns the handler it replaced. */
  private static sun.misc.SignalHandler handle(String name, Runnable action) {
    return sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
  }
}
