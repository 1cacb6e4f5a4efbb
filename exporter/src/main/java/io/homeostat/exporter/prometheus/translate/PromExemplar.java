package io.homeostat.exporter.prometheus.translate;

/**
 * An OTLP exemplar as OpenMetrics shows it: the value, the trace and span it came from (lower-case
 * hex, empty when absent) and when it was recorded (0 when unknown).
 */
public record PromExemplar(double value, String traceId, String spanId, long timestampMillis) {}
