package io.homeostat.server.admin;

import io.homeostat.core.telemetry.MetricFamily;
import java.util.List;

/**
 * Something whose metrics {@code GET /metrics} writes, read at each scrape:
 * {@code MetricRegistry::collect}, or {@link ProcessMetrics}. Family names must be unique across
 * the sources of one endpoint.
 */
@FunctionalInterface
public interface MetricSource {

  List<MetricFamily> collect();
}
