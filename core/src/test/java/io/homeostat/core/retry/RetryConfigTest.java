package io.homeostat.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.config.ConfigBinder;
import io.homeostat.core.config.ConfigProblem;
import io.homeostat.core.config.ConfigProblems;
import io.homeostat.core.config.EnvExpander;
import io.homeostat.core.config.YamlConfigReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryConfigTest {

  private final ConfigProblems problems = new ConfigProblems();

  private RetryConfig bind(String yaml) {
    var root = new YamlConfigReader(new EnvExpander(k -> null))
        .read("test.yaml", new StringReader(yaml), problems);
    return new ConfigBinder(problems).bind(root.get("retry_on_failure"), RetryConfig.class,
        RetryConfig.DEFAULT);
  }

  private List<String> errors() {
    return problems.errors().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void keysLeftOutKeepTheCollectorDefaults() {
    RetryConfig bound = bind("retry_on_failure:\n  max_elapsed_time: 0\n");
    assertEquals(List.of(), errors());
    assertEquals(new RetryConfig(true, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30),
        Duration.ZERO), bound);
  }

  @Test
  void aNegativeInitialIntervalIsRefused() {
    bind("retry_on_failure:\n  initial_interval: -1s\n");
    assertEquals(List.of("test.yaml:2:21: retry_on_failure.initial_interval: must be positive, "
        + "was -1s: it is the wait before the first retry, such as 5s"), errors());
  }

  @Test
  void aNegativeMaxElapsedTimeIsRefused() {
    bind("retry_on_failure:\n  max_elapsed_time: -5m\n");
    assertEquals(List.of("test.yaml:2:21: retry_on_failure.max_elapsed_time: must not be negative, "
        + "was -5m: write 0 to retry forever, or a duration such as 5m"), errors());
  }

  @Test
  void maxElapsedTimeShorterThanTheFirstWaitIsRefused() {
    bind("retry_on_failure:\n  max_elapsed_time: 1s\n");
    assertEquals(List.of("test.yaml:2:21: retry_on_failure.max_elapsed_time: must not be less than "
        + "initial_interval (5s), was 1s: write 0 to retry forever"), errors());
  }

  @Test
  void aMaxIntervalBelowTheInitialIntervalIsRefused() {
    bind("retry_on_failure:\n  max_interval: 1s\n");
    assertEquals(List.of("test.yaml:2:17: retry_on_failure.max_interval: must not be less than "
        + "initial_interval (5s), was 1s"), errors());
  }

  @Test
  void aRandomizationFactorOutsideZeroToOneIsRefused() {
    bind("retry_on_failure:\n  randomization_factor: 1.5\n");
    assertEquals(List.of("test.yaml:2:25: retry_on_failure.randomization_factor: must be between "
        + "0 and 1, was 1.5: 0.5 spreads each wait over ± 50 %"), errors());
  }

  @Test
  void aMultiplierBelowOneIsRefused() {
    bind("retry_on_failure:\n  multiplier: 0.5\n");
    assertEquals(List.of("test.yaml:2:15: retry_on_failure.multiplier: must be at least 1, "
        + "was 0.5: each wait is the previous one times this, such as 1.5"), errors());
  }
}
