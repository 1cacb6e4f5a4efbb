package io.homeostat.exporter.prometheus.translate;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * The latest cumulative point of one series, with what it came with.
 *
 * @param metric the metric's name, description, unit and type, without data points; sums and
 *     histograms say cumulative
 * @param point a {@code NumberDataPoint}, {@code HistogramDataPoint},
 *     {@code ExponentialHistogramDataPoint} or {@code SummaryDataPoint}
 * @param updatedNanos when the series last changed, in {@link System#nanoTime()} time
 */
public record Series(Resource resource, InstrumentationScope scope, Metric metric, Message point,
    long updatedNanos) {}
