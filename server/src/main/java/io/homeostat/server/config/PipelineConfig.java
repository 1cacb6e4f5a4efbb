package io.homeostat.server.config;

import java.util.List;

/** One pipeline: component ids in the order data passes them. */
public record PipelineConfig(List<String> receivers, List<String> processors, List<String> exporters) {}
