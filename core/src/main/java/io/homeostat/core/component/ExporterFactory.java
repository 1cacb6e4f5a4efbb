package io.homeostat.core.component;

import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Signal;
import java.util.Set;

/** Builds exporters. One exporter per id serves every pipeline that lists it. */
public interface ExporterFactory<C extends Record> extends ComponentFactory<C> {

  /** Creates an exporter that will be offered requests of {@code signals}. */
  Exporter create(ComponentSettings settings, Set<Signal> signals, C config);
}
