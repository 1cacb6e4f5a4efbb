package io.homeostat.exporter.loki;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.QueuedExporter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** The {@code loki} exporter: logs to Loki's push API, with labels, structured metadata and tenant. */
public final class LokiExporterFactory implements ExporterFactory<LokiConfig> {

  @Override
  public String type() {
    return "loki";
  }

  @Override
  public LokiConfig createDefaultConfig() {
    return LokiConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.LOGS);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, LokiConfig config) {
    String id = settings.id().toString();
    StreamMapper mapper = new StreamMapper(config.labels(), config.lineFormat(),
        settings.metrics().counter("homeostat_exporter_loki_label_values_truncated_total",
            "Label values cut to the " + StreamMapper.MAX_VALUE_BYTES + " bytes Loki accepts.",
            "exporter", id),
        Clock.systemUTC());
    return new QueuedExporter(settings, signals,
        new LokiSender(settings, config, mapper, Clock.systemUTC()), config.timeout(),
        config.sendingQueue(), config.retryOnFailure());
  }
}
