package io.homeostat.exporter.file;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.QueuedExporter;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code file} exporter: every signal as OTLP/JSON lines (or length-prefixed protobuf) in one
 * rotating file, in the Collector file exporter's formats, so that its tools can read them.
 */
public final class FileExporterFactory implements ExporterFactory<FileConfig> {

  @Override
  public String type() {
    return "file";
  }

  @Override
  public FileConfig createDefaultConfig() {
    return FileConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Exporter create(ComponentSettings settings, Set<Signal> signals, FileConfig config) {
    return QueuedExporter.local(settings, signals,
        new FileSender(settings, config, Clock.systemUTC()));
  }
}
