package io.homeostat.processor.batch;

import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import java.time.Duration;

/**
 * The {@code batch} processor's config, with the Collector batch processor's keys and defaults.
 *
 * @param sendBatchSize a batch is sent once it holds this many items (spans, metric data points,
 *     log records); 0 sends on {@code timeout} only
 * @param timeout a batch is sent this long after its first request came, whatever its size; 0
 *     sends every request at once (only splitting by {@code send_batch_max_size})
 * @param sendBatchMaxSize the most items in one request handed on; larger batches are split; 0 for
 *     no limit
 */
public record BatchConfig(int sendBatchSize, Duration timeout, int sendBatchMaxSize)
    implements Validatable {

  static final BatchConfig DEFAULT = new BatchConfig(8192, Duration.ofMillis(200), 0);

  @Override
  public void validate(Violations violations) {
    if (sendBatchSize < 0) {
      violations.add("send_batch_size", "must not be negative, was " + sendBatchSize
          + ": the items a batch is sent at, such as 8192 (0 sends on timeout only)");
    }
    if (timeout.isNegative()) {
      violations.add("timeout", "must not be negative, was " + Durations.format(timeout)
          + ": how long a batch may wait for more items, such as 200ms");
    }
    if (sendBatchMaxSize < 0) {
      violations.add("send_batch_max_size", "must not be negative, was " + sendBatchMaxSize
          + ": the most items in one request, such as 10000 (0 for no limit)");
    } else if (sendBatchMaxSize > 0 && sendBatchMaxSize < sendBatchSize) {
      violations.add("send_batch_max_size", "must be at least send_batch_size (" + sendBatchSize
          + "), was " + sendBatchMaxSize + ": raise it, lower send_batch_size, or set 0 for no limit");
    }
  }
}
