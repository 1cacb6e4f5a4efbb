package io.homeostat.homeostasis.processor;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.model.HomeostasisStage;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The {@code homeostasis} processor: where it stands in a pipeline's processor list, the server's
 * homeostasis stage (targets, production issues) sees every record of that pipeline, which passes
 * on unchanged. It takes no config of its own and needs the top-level {@code homeostasis:} section,
 * whose runtime the server shares under {@link HomeostasisStage#KEY}.
 *
 * <p>Every pipeline has its own instance, and the ring ticks every instance; the instances share a
 * {@link TickGate} so that {@link HomeostasisStage#onTick} runs once per
 * {@link HomeostasisStage#tickInterval()}, not once per pipeline.
 *
 * <p>Self metric: {@code homeostat_homeostasis_observer_failures_total{processor}}.
 */
public final class HomeostasisProcessorFactory implements ProcessorFactory<HomeostasisProcessorConfig> {

  @Override
  public String type() {
    return "homeostasis";
  }

  @Override
  public HomeostasisProcessorConfig createDefaultConfig() {
    return new HomeostasisProcessorConfig();
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, HomeostasisProcessorConfig config) {
    return create(settings, signal, Clock.systemUTC());
  }

  /** The processor with its own clock: the instant each stage tick is for. */
  static Processor create(ComponentSettings settings, Signal signal, Clock clock) {
    HomeostasisStage stage = settings.shared().get(HomeostasisStage.KEY, HomeostasisStage.class, () -> null);
    if (stage == null) {
      throw new IllegalArgumentException(
          "the homeostasis processor needs a top-level homeostasis: section with its targets");
    }
    return new HomeostasisProcessor(signal, stage,
        settings.shared().get(TickGate.KEY, TickGate.class, TickGate::new), clock,
        settings.metrics().counter("homeostat_homeostasis_observer_failures_total",
            "Requests a homeostasis observer failed on; each one is a bug to report.",
            "processor", settings.id().toString()),
        new RateLimitedLog(LoggerFactory.getLogger(HomeostasisProcessor.class), Duration.ofSeconds(10)));
  }
}
