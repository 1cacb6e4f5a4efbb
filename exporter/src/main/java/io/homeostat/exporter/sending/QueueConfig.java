package io.homeostat.exporter.sending;

import io.homeostat.core.config.ByteSize;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * An exporter's {@code sending_queue}, with the OpenTelemetry Collector's keys and defaults: up
 * to {@code queue_size} requests (or items, or bytes, as {@code sizer} says) wait for one of
 * {@code num_consumers} senders.
 *
 * <p>The pipeline thread never waits on the network, so unlike the Collector's, this queue cannot
 * be switched off entirely. With {@code enabled: false} nothing waits beyond what the senders can
 * take at once: the queue holds at most {@code num_consumers} requests and {@code queue_size} is
 * ignored. Either way a full queue refuses the request and the client is asked to retry.
 *
 * <p>With {@code storage} the queue lives on disk, in a directory of its own under that one, and
 * survives an outage of the backend and a restart of the server (see {@link DiskQueue}); the
 * keys after it only apply then.
 *
 * @param storage the directory of disk queues, relative to the config file; null keeps the queue
 *     in memory
 * @param segmentSize the size at which the disk queue starts a new segment file
 * @param maxSize the most the disk queue may hold on disk
 * @param fsync when the disk queue forces its writes to the device
 * @param fsyncInterval how often, with {@code fsync: interval}
 * @param queueSize null when the config leaves it out: {@value #DEFAULT_QUEUE_SIZE} requests, and
 *     required with another sizer, since no one number of items or bytes suits every heap
 * @param sizer what {@code queue_size} counts in a memory queue; a disk queue counts requests
 */
public record QueueConfig(boolean enabled, int numConsumers, Integer queueSize, String storage,
    ByteSize segmentSize, ByteSize maxSize, FsyncPolicy fsync, Duration fsyncInterval,
    QueueSizer sizer) implements Validatable {

  /** The Collector's default: requests a queue holds when {@code queue_size} is left out. */
  public static final int DEFAULT_QUEUE_SIZE = 1000;

  public static final QueueConfig DEFAULT = new QueueConfig(true, 10, null, null,
      ByteSize.ofMebibytes(64), ByteSize.ofMebibytes(1024), FsyncPolicy.INTERVAL,
      Duration.ofSeconds(1), QueueSizer.REQUESTS);

  /** The smallest segment: a segment that cannot hold a few requests only costs files. */
  static final ByteSize MIN_SEGMENT_SIZE = new ByteSize(4096);

  /** A queue in memory of {@code queueSize} requests; the other keys keep their defaults. */
  public QueueConfig(boolean enabled, int numConsumers, int queueSize) {
    this(enabled, numConsumers, queueSize, DEFAULT.storage, DEFAULT.segmentSize, DEFAULT.maxSize,
        DEFAULT.fsync, DEFAULT.fsyncInterval, DEFAULT.sizer);
  }

  /** What can wait for a sender, in the unit of {@link #sizerInUse()}. */
  public int capacity() {
    if (!enabled) {
      return numConsumers;
    }
    return queueSize != null ? queueSize : DEFAULT_QUEUE_SIZE;
  }

  /** The sizer: without the queue ({@code enabled: false}) at most {@code num_consumers} requests wait. */
  public QueueSizer sizerInUse() {
    return enabled ? sizer : QueueSizer.REQUESTS;
  }

  /** True when the queue lives on disk. */
  public boolean onDisk() {
    return storage != null;
  }

  @Override
  public void validate(Violations violations) {
    if (numConsumers < 1) {
      violations.add("num_consumers", "must be at least 1, was " + numConsumers
          + ": it is the number of requests sent at once, such as 10");
    }
    if (enabled && queueSize != null && queueSize < 1) {
      violations.add("queue_size", "must be at least 1, was " + queueSize
          + ": it is the number of " + sizer.unit() + " that may wait for a sender, such as 1000");
    }
    if (enabled && queueSize == null && sizer != QueueSizer.REQUESTS) {
      violations.add("sizer", "needs queue_size, the number of " + sizer.unit() + " that may wait "
          + "for a sender, such as " + (sizer == QueueSizer.ITEMS ? "25000 (about 90 MB of spans)"
              : "33554432 (32 MiB of encoded requests)"));
    }
    if (onDisk()) {
      validateDisk(violations);
    }
  }

  private void validateDisk(Violations violations) {
    if (sizer != QueueSizer.REQUESTS) {
      violations.add("sizer", "a disk queue counts requests (queue_size) and bytes on disk "
          + "(max_size); remove sizer, or remove storage to bound a memory queue by "
          + sizer.unit());
    }
    if (storage.isBlank()) {
      violations.add("storage", "must name a directory, such as data/queue, was '" + storage
          + "'; leave it out to keep the queue in memory");
    } else if (!enabled) {
      violations.add("storage", "needs the queue: remove enabled: false, or remove storage to "
          + "keep at most num_consumers requests in memory");
    }
    if (segmentSize.bytes() < MIN_SEGMENT_SIZE.bytes()) {
      violations.add("segment_size", "must be at least " + MIN_SEGMENT_SIZE + ", was "
          + segmentSize + ": it is the size at which the queue starts a new file, such as 64MiB");
    } else if (maxSize.bytes() / 2 < segmentSize.bytes()) {
      violations.add("max_size", "must be at least twice segment_size (" + segmentSize
          + "), was " + maxSize + ": the queue frees space a whole segment at a time; raise "
          + "max_size or lower segment_size");
    }
    if (fsync == FsyncPolicy.INTERVAL && (fsyncInterval.isNegative() || fsyncInterval.isZero())) {
      violations.add("fsync_interval", "must be positive, was " + Durations.format(fsyncInterval)
          + ": it is how often written requests are forced to the disk, such as 1s");
    }
  }
}
