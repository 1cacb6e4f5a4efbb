package io.homeostat.processor.sampling;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.SharedState;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.processor.testing.Configs;
import java.nio.file.Path;

/**
 * One server's worth of sampling processors (one id, shared state, metrics) on a clock the test
 * moves by hand.
 */
final class Fixture {

  final MetricRegistry metrics = new MetricRegistry();
  final ComponentSettings settings =
      new ComponentSettings(ComponentId.of("sampling"), metrics, Path.of("."), new SharedState());
  long now = 1_000_000_000L;

  /** The processor for {@code signal}, configured by YAML flow mapping such as {@code {ratio: 0.1}}. */
  Processor create(Signal signal, String config) {
    SamplingConfig bound = Configs.bind("sampling", SamplingConfig.class, SamplingConfig.DEFAULT,
        "sampling: " + config + "\n");
    return SamplingProcessorFactory.create(settings, signal, bound, () -> now);
  }

  void advanceSeconds(double seconds) {
    now += (long) (seconds * 1e9);
  }

  double kept(Signal signal, Policy policy) {
    return metrics.value("homeostat_processor_sampling_kept_" + signal.itemName() + "_total",
        "processor", "sampling", "policy", policy.label());
  }

  double dropped(Signal signal) {
    return metrics.value("homeostat_processor_dropped_" + signal.itemName() + "_total",
        "processor", "sampling");
  }
}
