package io.homeostat.processor.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.processor.testing.Configs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingConfigTest {

  private static SamplingConfig bind(String yaml) {
    return Configs.bind("sampling", SamplingConfig.class, SamplingConfig.DEFAULT, yaml);
  }

  private static List<String> errors(String yaml) {
    return Configs.errors("sampling", SamplingConfig.class, SamplingConfig.DEFAULT, yaml);
  }

  @Test
  void defaultsKeepEverythingInHeadModeWithTheCollectorsTailSettings() {
    assertEquals(new SamplingConfig(SamplingConfig.Mode.HEAD, 1.0, false, Duration.ofSeconds(10),
        Duration.ZERO, List.of(), 50_000, 100_000, 10_000, Duration.ofMinutes(1)), bind("sampling:\n"));
  }

  @Test
  void theDesignsExampleAndATailConfigBind() {
    assertEquals(0.1, bind("sampling: { ratio: 0.1, keep_errors: true }\n").ratio());
    SamplingConfig tail = bind("""
        sampling:
          mode: tail
          ratio: 0.05
          keep_errors: true
          decision_wait: 5s
          latency_threshold: 2s
          always_keep_requirements: [REQ-F-PAY-001]
          num_traces: 1000
          max_spans: 20000
        """);
    assertEquals(SamplingConfig.Mode.TAIL, tail.mode());
    assertEquals(Duration.ofSeconds(2), tail.latencyThreshold());
    assertEquals(List.of("REQ-F-PAY-001"), tail.alwaysKeepRequirements());
  }

  @Test
  void aRatioOutsideZeroToOneIsAnError() {
    assertEquals(List.of("test.yaml:1:20: sampling.ratio: must be between 0 and 1, was 1.5: the"
        + " share of traces kept, such as 0.1 for 10 %"), errors("sampling: { ratio: 1.5 }\n"));
  }

  @Test
  void tailPoliciesInHeadModeAreErrorsRatherThanIgnored() {
    assertEquals(List.of(
        "test.yaml:2:22: sampling.latency_threshold: needs mode: tail (a trace's duration is only"
            + " known once all its spans were seen); set mode: tail or remove latency_threshold",
        "test.yaml:3:29: sampling.always_keep_requirements: needs mode: tail (head sampling decides"
            + " each span alone, which would keep parts of traces); set mode: tail or remove"
            + " always_keep_requirements"),
        errors("sampling:\n  latency_threshold: 1s\n  always_keep_requirements: [REQ-A]\n"));
  }

  @Test
  void waitsCountsAndTimeLimitsMustBePositive() {
    assertEquals(List.of(
        "test.yaml:2:18: sampling.decision_wait: must be positive, was 0s: how long a trace's spans"
            + " are held before the trace is decided, such as 10s",
        "test.yaml:3:22: sampling.latency_threshold: must not be negative, was -1s: traces lasting"
            + " longer are kept, such as 2s (0 turns the policy off)",
        "test.yaml:4:15: sampling.num_traces: must be between 1 and 10000000, was 0: the most"
            + " traces held at once, such as 50000",
        "test.yaml:5:14: sampling.max_spans: must be between 1 and 10000000, was 20000000: the"
            + " most spans held at once, such as 100000",
        "test.yaml:6:21: sampling.error_cache_size: must be between 1 and 10000000, was -3: how"
            + " many error traces are remembered, such as 10000",
        "test.yaml:7:20: sampling.error_cache_ttl: must be positive, was 0s: how long an error"
            + " trace is remembered, such as 1m"),
        errors("""
            sampling:
              decision_wait: 0s
              latency_threshold: -1s
              num_traces: 0
              max_spans: 20000000
              error_cache_size: -3
              error_cache_ttl: 0s
              mode: tail
            """));
  }

  @Test
  void anEmptyRequirementKeyIsAnError() {
    assertEquals(List.of("test.yaml:1:51: sampling.always_keep_requirements: item 1 is empty: list"
        + " requirement keys, such as [REQ-F-PAY-001]"),
        errors("sampling: { mode: tail, always_keep_requirements: [REQ-A, ' '] }\n"));
  }
}
