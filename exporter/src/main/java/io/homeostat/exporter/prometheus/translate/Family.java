package io.homeostat.exporter.prometheus.translate;

/**
 * What the series of one Prometheus metric share.
 *
 * @param name the full name; a counter's ends in {@code _total} when suffixes are added
 * @param help the OTLP metric's description
 */
public record Family(String name, Kind kind, String help) {}
