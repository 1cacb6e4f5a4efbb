package io.homeostat.exporter.nop;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code nop} exporter: takes everything and keeps nothing, like the Collector's. It ends
 * pipelines whose point is what happens before the end: benchmark sinks, and pipelines that only
 * feed homeostasis.
 */
public final class NopExporterFactory implements ExporterFactory<NopExporterFactory.NopConfig> {

  /** The nop exporter takes no settings. */
  public record NopConfig() {}

  @Override
  public String type() {
    return "nop";
  }

  @Override
  public NopConfig createDefaultConfig() {
    return new NopConfig();
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, NopConfig config) {
    return (signal, request) -> true;
  }
}
