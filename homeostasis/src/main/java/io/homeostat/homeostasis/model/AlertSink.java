package io.homeostat.homeostasis.model;

/**
 * Where alerts go out (webhooks, Alertmanager). {@link #send} never blocks: delivery, grouping,
 * retries and repeats happen on the sink's own threads.
 */
public interface AlertSink extends AutoCloseable {

  void send(Alert alert);

  /** Delivers what is pending before the deadline of a shutdown, then stops. */
  @Override
  default void close() {}
}
