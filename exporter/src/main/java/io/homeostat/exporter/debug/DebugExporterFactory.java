package io.homeostat.exporter.debug;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.QueuedExporter;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code debug} exporter: logs what reaches it at INFO, as the Collector's debug exporter
 * does, to see what a pipeline makes of the data. The logger is named after the exporter's id
 * ({@code io.homeostat.exporter.debug.<id>}), so that each one can be tuned on its own.
 */
public final class DebugExporterFactory implements ExporterFactory<DebugConfig> {

  @Override
  public String type() {
    return "debug";
  }

  @Override
  public DebugConfig createDefaultConfig() {
    return DebugConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, DebugConfig config) {
    Logger log = LoggerFactory.getLogger(getClass().getPackageName() + "." + settings.id());
    return QueuedExporter.local(settings, signals,
        new DebugSender(new DebugFormatter(config.verbosity()), log::info));
  }
}
