package io.homeostat.core.req;

import java.util.List;
import java.util.Map;

/** The {@code telemetry} section of a team's {@code observability.yml}: all of it a catalog reads. */
record TelemetrySection(Map<String, String> globalTags, List<TeamMetric> metrics) {}
