package io.homeostat.exporter.otlp;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.QueuedExporter;
import java.util.EnumSet;
import java.util.Set;

/** The {@code otlp} exporter: OTLP over gRPC, to Tempo, a Collector or any OTLP backend. */
public final class OtlpGrpcExporterFactory implements ExporterFactory<OtlpGrpcConfig> {

  @Override
  public String type() {
    return "otlp";
  }

  @Override
  public OtlpGrpcConfig createDefaultConfig() {
    return OtlpGrpcConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, OtlpGrpcConfig config) {
    return new QueuedExporter(settings, signals, new GrpcSender(settings, config),
        config.timeout(), config.sendingQueue(), config.retryOnFailure());
  }
}
