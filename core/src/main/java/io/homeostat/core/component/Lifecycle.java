package io.homeostat.core.component;

/**
 * Start and stop of a component. The server starts exporters first, then processors, then
 * receivers, and stops them in the reverse order, so that data always has somewhere to go.
 */
public interface Lifecycle {

  /** Acquires resources (sockets, threads, files). An exception stops the server's start. */
  default void start() throws Exception {}

  /** Releases resources, delivering what is held if it can before {@code deadline}. */
  default void shutdown(Deadline deadline) {}
}
