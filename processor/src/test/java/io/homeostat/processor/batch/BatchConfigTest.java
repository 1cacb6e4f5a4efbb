package io.homeostat.processor.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.processor.testing.Configs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchConfigTest {

  private static List<String> errors(String yaml) {
    return Configs.errors("batch", BatchConfig.class, BatchConfig.DEFAULT, yaml);
  }

  @Test
  void theCollectorsDefaults() {
    assertEquals(new BatchConfig(8192, Duration.ofMillis(200), 0),
        Configs.bind("batch", BatchConfig.class, BatchConfig.DEFAULT, "batch:\n"));
  }

  @Test
  void negativeValuesAreErrors() {
    assertEquals(List.of(
        "test.yaml:2:20: batch.send_batch_size: must not be negative, was -1: the items a batch is"
            + " sent at, such as 8192 (0 sends on timeout only)",
        "test.yaml:3:12: batch.timeout: must not be negative, was -1s: how long a batch may wait for"
            + " more items, such as 200ms",
        "test.yaml:4:24: batch.send_batch_max_size: must not be negative, was -5: the most items in"
            + " one request, such as 10000 (0 for no limit)"),
        errors("batch:\n  send_batch_size: -1\n  timeout: -1s\n  send_batch_max_size: -5\n"));
  }

  @Test
  void aMaxSizeBelowTheBatchSizeIsAnError() {
    assertEquals(List.of("test.yaml:1:54: batch.send_batch_max_size: must be at least"
        + " send_batch_size (1000), was 500: raise it, lower send_batch_size, or set 0 for no limit"),
        errors("batch: { send_batch_size: 1000, send_batch_max_size: 500 }\n"));
  }
}
