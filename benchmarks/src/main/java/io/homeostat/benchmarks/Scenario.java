package io.homeostat.benchmarks;

import io.homeostat.benchmarks.load.LoadMode;
import io.homeostat.core.pipeline.Signal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scenarios, named as the OpenTelemetry Collector's testbed names them so that figures compare:
 * three at a fixed 10,000 items a second, and one flat out.
 */
enum Scenario {
  TRACE_10K_SPS("Trace10kSPS", Signal.TRACES, 10_000),
  LOG_10K_DPS("Log10kDPS", Signal.LOGS, 10_000),
  METRIC_10K_DPS("Metric10kDPS", Signal.METRICS, 10_000),
  MAX_TRACES("MaxTraces", Signal.TRACES, 0);

  /**
   * Requests under way at a fixed rate: a second's worth at 10,000 items a second, so that a slow
   * moment on a shared machine does not lower the offered rate (the testbed's load generator, a
   * Collector exporter, queues up to 1000 requests for the same reason). Refusals still slow the
   * generator down: a request waiting for its retry keeps its place.
   */
  static final int FIXED_RATE_IN_FLIGHT = 100;
  /** Requests under way flat out: enough to keep two cores busy without flooding the ring. */
  static final int FLAT_OUT_IN_FLIGHT = 32;

  private final String testbedName;
  private final Signal signal;
  private final double itemsPerSecond;

  Scenario(String testbedName, Signal signal, double itemsPerSecond) {
    this.testbedName = testbedName;
    this.signal = signal;
    this.itemsPerSecond = itemsPerSecond;
  }

  String testbedName() {
    return testbedName;
  }

  Signal signal() {
    return signal;
  }

  boolean flatOut() {
    return itemsPerSecond == 0;
  }

  /** The target rate, or null flat out. */
  Double targetItemsPerSecond() {
    return flatOut() ? null : itemsPerSecond;
  }

  /** How this scenario sends, with {@code inFlight} requests under way, or its default when null. */
  LoadMode mode(Integer inFlight) {
    return flatOut()
        ? new LoadMode.FlatOut(inFlight == null ? FLAT_OUT_IN_FLIGHT : inFlight)
        : new LoadMode.FixedRate(itemsPerSecond, inFlight == null ? FIXED_RATE_IN_FLIGHT : inFlight);
  }

  /** The scenario called {@code name} (its testbed name); the error lists them all. */
  static Scenario named(String name) {
    for (Scenario scenario : values()) {
      if (scenario.testbedName.equals(name)) {
        return scenario;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "'; the scenarios are "
        + Arrays.stream(values()).map(Scenario::testbedName).collect(Collectors.joining(", ")));
  }
}
