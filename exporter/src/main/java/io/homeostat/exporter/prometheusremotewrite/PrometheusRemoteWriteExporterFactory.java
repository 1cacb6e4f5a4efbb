package io.homeostat.exporter.prometheusremotewrite;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** The {@code prometheusremotewrite} exporter: Prometheus remote write 1.0. */
public final class PrometheusRemoteWriteExporterFactory
    implements ExporterFactory<PrometheusRemoteWriteConfig> {

  @Override
  public String type() {
    return "prometheusremotewrite";
  }

  @Override
  public PrometheusRemoteWriteConfig createDefaultConfig() {
    return PrometheusRemoteWriteConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.METRICS);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals,
      PrometheusRemoteWriteConfig config) {
    return new RemoteWriteExporter(settings, config, Clock.systemUTC(), System::nanoTime);
  }
}
