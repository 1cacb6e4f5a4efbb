package io.homeostat.exporter.prometheus.translate;

/**
 * The Collector's {@code resource_to_telemetry_conversion} section.
 *
 * @param enabled every resource attribute becomes a label of every series of the resource (in
 *     place of {@code target_info})
 */
public record ResourceToTelemetryConversion(boolean enabled) {

  public static final ResourceToTelemetryConversion DISABLED =
      new ResourceToTelemetryConversion(false);
}
