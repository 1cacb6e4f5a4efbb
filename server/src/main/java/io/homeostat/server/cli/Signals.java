package io.homeostat.server.cli;

/**
 * The signals {@code run} answers: SIGTERM and SIGINT drain and exit 0 instead of letting the JVM
 * exit at once (a shutdown hook would end with status 143); SIGHUP reloads the config, as it does
 * for the Collector and Prometheus.
 */
final class Signals {

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
   * Runs {@code action} on SIGHUP. Where the JVM does not offer it, nothing happens and
   * {@code POST /-/reload} is the way to reload.
   */
  static void onHangup(Runnable action) {
    try {
      handle("HUP", action);
    } catch (IllegalArgumentException | LinkageError unavailable) {
      // No SIGHUP on this platform; the admin endpoint still reloads.
    }
  }

  private static void handle(String name, Runnable action) {
    sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
  }
}
