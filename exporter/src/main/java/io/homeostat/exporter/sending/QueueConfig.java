package io.homeostat.exporter.sending;

import io.homeostat.core.config.Validatable;

/**
 * An exporter's {@code sending_queue}, with the OpenTelemetry Collector's keys and defaults: up
 * to {@code queue_size} requests wait for one of {@code num_consumers} senders.
 *
 * <p>The pipeline thread never waits on the network, so unlike the Collector's, this queue cannot
 * be switched off entirely. With {@code enabled: false} nothing waits beyond what the senders can
 * take at once: the queue holds at most {@code num_consumers} requests and {@code queue_size} is
 * ignored. Either way a full queue refuses the request and the client is asked to retry.
 */
public record QueueConfig(boolean enabled, int numConsumers, int queueSize) implements Validatable {

  public static final QueueConfig DEFAULT = new QueueConfig(true, 10, 1000);

  /** The number of requests that can wait for a sender. */
  public int capacity() {
    return enabled ? queueSize : numConsumers;
  }

  @Override
  public void validate(Violations violations) {
    if (numConsumers < 1) {
      violations.add("num_consumers", "must be at least 1, was " + numConsumers
          + ": it is the number of requests sent at once, such as 10");
    }
    if (enabled && queueSize < 1) {
      violations.add("queue_size", "must be at least 1, was " + queueSize
          + ": it is the number of requests that may wait for a sender, such as 1000");
    }
  }
}
