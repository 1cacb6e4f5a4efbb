package io.homeostat.exporter.spanmetrics;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.List;

/**
 * One flush: the request for the metrics pipelines, and what each series stood at when it was
 * read, which delta points count from once the pipelines took the request.
 */
record Flush(ExportMetricsServiceRequest request, List<Read> reads, long timeNanos) {

  /** {@code point} is the cumulative state of {@code series} that went out. */
  record Read(Series series, SeriesPoint point) {}

  /** The metrics pipelines took the request: later delta points start from here. */
  void taken() {
    for (Read read : reads) {
      read.series().acked = read.point();
      read.series().ackedNanos = timeNanos;
    }
  }
}
