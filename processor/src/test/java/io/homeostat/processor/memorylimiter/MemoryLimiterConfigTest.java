package io.homeostat.processor.memorylimiter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.processor.testing.Configs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLimiterConfigTest {

  private static List<String> errors(String yaml) {
    return Configs.errors("memory_limiter", MemoryLimiterConfig.class, MemoryLimiterConfig.DEFAULT, yaml);
  }

  @Test
  void theCollectorsKeysBind() {
    assertEquals(new MemoryLimiterConfig(Duration.ofSeconds(5), 4000, 800, 0, 0,
        Duration.ofSeconds(30), Duration.ofSeconds(1)),
        Configs.bind("memory_limiter", MemoryLimiterConfig.class, MemoryLimiterConfig.DEFAULT,
            "memory_limiter: { check_interval: 5s, limit_mib: 4000, spike_limit_mib: 800,"
                + " min_gc_interval_when_soft_limited: 30s, min_gc_interval_when_hard_limited: 1s }\n"));
  }

  @Test
  void aNegativeCollectionIntervalIsAnError() {
    assertEquals(List.of("test.yaml:1:71: memory_limiter.min_gc_interval_when_soft_limited: must not"
        + " be negative, was -1s: such as 10s"),
        errors("memory_limiter: { limit_mib: 1000, min_gc_interval_when_soft_limited: -1s }\n"));
  }

  @Test
  void aLimitIsRequired() {
    assertEquals(List.of("test.yaml:1:17: memory_limiter: set limit_mib (such as 1500) or"
        + " limit_percentage (such as 80 for 80 % of the maximum heap): the memory limiter has no"
        + " limit"), errors("memory_limiter: {}\n"));
  }

  @Test
  void bothKindsOfLimitAreAnError() {
    assertEquals(List.of("test.yaml:1:17: memory_limiter: set limit_mib or limit_percentage, not"
        + " both (limit_mib is 1000, limit_percentage is 80)"),
        errors("memory_limiter: { limit_mib: 1000, limit_percentage: 80 }\n"));
  }

  @Test
  void theSpikeMustStayBelowTheLimit() {
    assertEquals(List.of("test.yaml:1:53: memory_limiter.spike_limit_mib: must be less than"
        + " limit_mib (1000), was 1000: data is refused above limit_mib - spike_limit_mib"),
        errors("memory_limiter: { limit_mib: 1000, spike_limit_mib: 1000 }\n"));
    assertEquals(List.of("test.yaml:1:65: memory_limiter.spike_limit_percentage: must be less than"
        + " limit_percentage (50), was 60: data is refused above limit_percentage -"
        + " spike_limit_percentage"),
        errors("memory_limiter: { limit_percentage: 50, spike_limit_percentage: 60 }\n"));
  }

  @Test
  void mixedUnitsAreAnError() {
    assertEquals(List.of("test.yaml:1:60: memory_limiter.spike_limit_percentage: goes with"
        + " limit_percentage; with limit_mib, set spike_limit_mib instead"),
        errors("memory_limiter: { limit_mib: 1000, spike_limit_percentage: 10 }\n"));
    assertEquals(List.of("test.yaml:1:58: memory_limiter.spike_limit_mib: goes with limit_mib;"
        + " with limit_percentage, set spike_limit_percentage instead"),
        errors("memory_limiter: { limit_percentage: 80, spike_limit_mib: 100 }\n"));
  }

  @Test
  void outOfRangeValuesAreErrors() {
    assertEquals(List.of(
        "test.yaml:2:19: memory_limiter.check_interval: must be positive, was 0s: how often heap"
            + " usage is measured, such as 1s",
        "test.yaml:3:21: memory_limiter.limit_percentage: must be between 1 and 100, was 120: the"
            + " hard limit as a percentage of the maximum heap, such as 80",
        "test.yaml:4:27: memory_limiter.spike_limit_percentage: must be between 0 and 100, was -1:"
            + " the headroom as a percentage of the maximum heap, such as 20"),
        errors("memory_limiter:\n  check_interval: 0s\n  limit_percentage: 120\n"
            + "  spike_limit_percentage: -1\n"));
    assertEquals(List.of(
        "test.yaml:1:30: memory_limiter.limit_mib: must not be negative, was -1: the hard limit"
            + " of used heap in MiB, such as 1500",
        "test.yaml:1:51: memory_limiter.spike_limit_mib: must not be negative, was -2: the"
            + " headroom below limit_mib, such as 300"),
        errors("memory_limiter: { limit_mib: -1, spike_limit_mib: -2, limit_percentage: 10 }\n"));
  }
}
