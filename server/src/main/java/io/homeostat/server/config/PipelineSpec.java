package io.homeostat.server.config;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.pipeline.Signal;
import java.util.List;

/** A validated pipeline: its id ({@code traces}, {@code traces/sampled}), signal and components. */
public record PipelineSpec(ComponentId id, Signal signal, List<ComponentId> receivers,
    List<ComponentId> processors, List<ComponentId> exporters) {}
