package io.homeostat.homeostasis.model;

/** A record that violated a target, so that an alert leads straight to its trace. */
public record Exemplar(String traceId, String spanId, double value) {}
