package io.homeostat.exporter.prometheus;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import java.util.EnumSet;
import java.util.Set;

/** The {@code prometheus} exporter: a Prometheus scrape endpoint for the metrics pipelines. */
public final class PrometheusExporterFactory implements ExporterFactory<PrometheusConfig> {

  @Override
  public String type() {
    return "prometheus";
  }

  @Override
  public PrometheusConfig createDefaultConfig() {
    return PrometheusConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.METRICS);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, PrometheusConfig config) {
    return new PrometheusExporter(settings, config, System::nanoTime);
  }
}
