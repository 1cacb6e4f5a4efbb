package io.homeostat.processor.requirements;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tagging coverage per signal and service: {@code homeostat_req_records_total{signal,service,source}}
 * and {@code homeostat_req_tagging_coverage{signal,service}} (records that left with a key / all
 * records, since start). One per server, shared by every requirements processor through
 * {@link ComponentSettings#shared()}, so that pipelines of one signal add up.
 *
 * <p>Service names come from the data, so at most {@link #MAX_SERVICES} are tracked per signal;
 * the rest are counted as {@code service="other"}. The maps are touched by the pipeline thread
 * only; the gauges read sums from any thread.
 */
final class Coverage {

  /** Distinct services tracked per signal, to keep the number of series bounded. */
  static final int MAX_SERVICES = 1000;
  /** Where services past {@link #MAX_SERVICES} are counted. */
  static final String OTHER = "other";
  /** The service of records whose resource has no {@code service.name}, as the SDKs name it. */
  static final String UNKNOWN = "unknown_service";

  private final MetricRegistry metrics;
  private final Map<Signal, Map<String, Service>> services = new EnumMap<>(Signal.class);
  private final Map<Signal, Service> others = new EnumMap<>(Signal.class);

  private Coverage(MetricRegistry metrics) {
    this.metrics = metrics;
    for (Signal signal : Signal.values()) {
      services.put(signal, new HashMap<>());
    }
  }

  static Coverage shared(ComponentSettings settings) {
    return settings.shared().get("requirements/coverage", Coverage.class,
        () -> new Coverage(settings.metrics()));
  }

  /** The counters of the service {@code resource} describes. */
  Service service(Signal signal, Resource resource) {
    String name = KeyValues.getString(resource.getAttributesList(), "service.name");
    if (name == null || name.isEmpty()) {
      name = UNKNOWN;
    }
    Map<String, Service> bySignal = services.get(signal);
    Service service = bySignal.get(name);
    if (service != null) {
      return service;
    }
    if (bySignal.size() >= MAX_SERVICES) {
      return others.computeIfAbsent(signal, s -> new Service(metrics, s, OTHER));
    }
    service = new Service(metrics, signal, name);
    bySignal.put(name, service);
    return service;
  }

  /** One signal and service's counters. */
  static final class Service {
    private final MetricRegistry metrics;
    private final String signal;
    private final String service;
    private final Counter[] bySource = new Counter[Source.count()];
    private final LongAdder all = new LongAdder();
    private final LongAdder tagged = new LongAdder();

    private Service(MetricRegistry metrics, Signal signal, String service) {
      this.metrics = metrics;
      this.signal = signal.configName();
      this.service = service;
      metrics.gauge("homeostat_req_tagging_coverage",
          "Records that left the requirements processor with a requirement key, as a share of all"
              + " records it saw since start.",
          () -> {
            long total = all.sum();
            return total == 0 ? 0 : (double) tagged.sum() / total;
          }, "signal", this.signal, "service", service);
    }

    /** The service label: its name, or {@code other}. */
    String name() {
      return service;
    }

    /** Adds {@code counts} (by {@link Source} ordinal) and zeroes them. */
    void add(int[] counts) {
      for (int i = 0; i < counts.length; i++) {
        int n = counts[i];
        if (n == 0) {
          continue;
        }
        counts[i] = 0;
        Source source = Source.of(i);
        counter(source).add(n);
        if (source != Source.INVALID) {
          all.add(n);
          if (source.tagged()) {
            tagged.add(n);
          }
        }
      }
    }

    private Counter counter(Source source) {
      Counter counter = bySource[source.ordinal()];
      if (counter == null) {
        counter = metrics.counter("homeostat_req_records_total",
            "Records seen by the requirements processor, by where their requirement key came from"
                + " (record, alias, rule, catalog_rule, metric, baggage, trace), untagged, dropped;"
                + " invalid counts records that carried a key failing the pattern, besides.",
            "signal", signal, "service", service, "source", source.label);
        bySource[source.ordinal()] = counter;
      }
      return counter;
    }
  }

  /**
   * Counts records one by one without touching shared counters: counts pile up while the service
   * stays the same and are added at each change and at {@link #flush}. One per processor instance.
   */
  static final class Tally {
    private final int[] counts = new int[Source.count()];
    private Service service;

    /** Counts one record under {@code source}, and under {@code invalid} too when it carried one. */
    void count(Service of, Source source, boolean invalid) {
      if (of != service) {
        flush();
        service = of;
      }
      counts[source.ordinal()]++;
      if (invalid) {
        counts[Source.INVALID.ordinal()]++;
      }
    }

    void flush() {
      if (service != null) {
        service.add(counts);
        service = null;
      }
    }
  }
}
