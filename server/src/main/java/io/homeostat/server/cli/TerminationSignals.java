package io.homeostat.server.cli;

/**
 * Runs an action on SIGTERM and SIGINT instead of letting the JVM exit at once, so that
 * {@code run} can drain and then exit 0 (a shutdown hook would end with status 143). Where the
 * JVM does not offer signal handling, a shutdown hook does the same work.
 */
final class TerminationSignals {

  private TerminationSignals() {}

  static void onTerminate(Runnable action) {
    try {
      for (String name : new String[] {"TERM", "INT"}) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
      }
    } catch (IllegalArgumentException | LinkageError unavailable) {
      Runtime.getRuntime().addShutdownHook(new Thread(action, "homeostat-shutdown"));
    }
  }
}
