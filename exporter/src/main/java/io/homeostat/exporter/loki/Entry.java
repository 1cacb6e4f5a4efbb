package io.homeostat.exporter.loki;

/**
 * One log line of a stream.
 *
 * @param nanos the time, in nanoseconds since the epoch
 * @param metadata structured metadata as name, value, name, value...
 */
record Entry(long nanos, String line, String[] metadata) {}
