package io.homeostat.core.pipeline;

/**
 * Ends some pipelines and starts others, as in the OpenTelemetry Collector: listed as an exporter
 * in pipelines of one signal, it is {@link #offer offered} their requests; listed as a receiver in
 * pipelines of another (or the same) signal, it hands what it makes of them to the
 * {@link RequestConsumer}s it was created with, which feed those pipelines through the ring like
 * any receiver's requests. The {@code spanmetrics} connector turns spans into request metrics
 * this way.
 */
public interface Connector extends Exporter {}
