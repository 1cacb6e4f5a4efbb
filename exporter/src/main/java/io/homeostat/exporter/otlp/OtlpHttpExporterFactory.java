package io.homeostat.exporter.otlp;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.QueuedExporter;
import java.util.EnumSet;
import java.util.Set;

/** The {@code otlphttp} exporter: OTLP over HTTP with protobuf or JSON bodies. */
public final class OtlpHttpExporterFactory implements ExporterFactory<OtlpHttpConfig> {

  @Override
  public String type() {
    return "otlphttp";
  }

  @Override
  public OtlpHttpConfig createDefaultConfig() {
    return OtlpHttpConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, OtlpHttpConfig config) {
    return new QueuedExporter(settings, signals, new HttpSender(settings, config, signals),
        config.timeout(), config.sendingQueue(), config.retryOnFailure());
  }
}
