package io.homeostat.core.telemetry;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one self metric and all its series, ready to be written in a text format.
 *
 * @param name the full metric name, counters included with their {@code _total} suffix
 */
public record MetricFamily(String name, String help, Type type, List<Sample> samples) {

  public enum Type { COUNTER, GAUGE }

  /** One series: its labels in registration order, and its value. */
  public record Sample(Map<String, String> labels, double value) {}
}
