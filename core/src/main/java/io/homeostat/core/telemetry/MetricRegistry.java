package io.homeostat.core.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The server's own metrics (admin {@code /metrics}). Components ask for counters once, at
 * creation, and keep them; gauges are read from a supplier at scrape time, so they cost nothing on
 * the data path.
 *
 * <p>Series are identified by name and labels: asking twice for the same counter returns the same
 * one, which lets several instances of a component (one per pipeline) share their totals.
 */
public final class MetricRegistry {

  private final Map<String, Family> families = new ConcurrentHashMap<>();

  /**
   * Returns the counter {@code name} with the given labels, creating it at zero.
   *
   * @param name ends with {@code _total}
   * @param labels alternating label names and values
   */
  public Counter counter(String name, String help, String... labels) {
    if (!name.endsWith("_total")) {
      throw new IllegalArgumentException("counter names end with _total: " + name);
    }
    Family family = family(name, help, MetricFamily.Type.COUNTER);
    Series series = family.series.computeIfAbsent(labelMap(labels), l -> new Series(new Counter(), null));
    return series.counter;
  }

  /**
   * Registers (or replaces) the gauge {@code name} with the given labels, read from
   * {@code value} at each scrape.
   */
  public void gauge(String name, String help, DoubleSupplier value, String... labels) {
    family(name, help, MetricFamily.Type.GAUGE).series.put(labelMap(labels), new Series(null, value));
  }

  /** Removes a gauge series, for example when the thing it measured is gone. */
  public void removeGauge(String name, String... labels) {
    Family family = families.get(name);
    if (family != null) {
      family.series.remove(labelMap(labels));
    }
  }

  /**
   * Removes every gauge series and keeps the counters. When a reload replaces the components, the
   * new ones register their own gauges, and counters go on from where they were, so no rate sees
   * a reset.
   */
  public void clearGauges() {
    families.values().removeIf(family -> family.type == MetricFamily.Type.GAUGE);
  }

  /** Reads every series now, families sorted by name. */
  public List<MetricFamily> collect() {
    List<MetricFamily> out = new ArrayList<>();
    families.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).forEach(family -> {
      List<MetricFamily.Sample> samples = new ArrayList<>();
      family.series.forEach((labels, series) -> samples.add(new MetricFamily.Sample(labels,
          series.counter != null ? series.counter.get() : series.gauge.getAsDouble())));
      out.add(new MetricFamily(family.name, family.help, family.type, samples));
    });
    return out;
  }

  /** The current value of one series, or NaN when there is none; for tests and the API. */
  public double value(String name, String... labels) {
    Family family = families.get(name);
    Series series = family == null ? null : family.series.get(labelMap(labels));
    if (series == null) {
      return Double.NaN;
    }
    return series.counter != null ? series.counter.get() : series.gauge.getAsDouble();
  }

  private Family family(String name, String help, MetricFamily.Type type) {
    Family family = families.computeIfAbsent(name, n -> new Family(n, help, type));
    if (family.type != type) {
      throw new IllegalArgumentException(name + " is already registered as a " + family.type);
    }
    return family;
  }

  private static Map<String, String> labelMap(String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name/value pairs: " + List.of(labels));
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      map.put(labels[i], labels[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  private record Series(Counter counter, DoubleSupplier gauge) {}

  private static final class Family {
    final String name;
    final String help;
    final MetricFamily.Type type;
    final Map<Map<String, String>, Series> series = new ConcurrentHashMap<>();

    Family(String name, String help, MetricFamily.Type type) {
      this.name = name;
      this.help = help;
      this.type = type;
    }
  }
}
