package io.homeostat.exporter.prometheus.translate;

import io.opentelemetry.proto.metrics.v1.Metric;

/** The Prometheus metric type an OTLP metric becomes. */
public enum Kind {
  GAUGE,
  COUNTER,
  /** Explicit-bucket and exponential histograms alike: both are exposed with classic buckets. */
  HISTOGRAM,
  SUMMARY,
  /** {@code target_info}: one series per resource, value 1. */
  INFO;

  /**
   * The type of {@code metric}: a monotonic sum is a counter, a non-monotonic one a gauge; null
   * when the metric holds no data.
   */
  public static Kind of(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> GAUGE;
      case SUM -> metric.getSum().getIsMonotonic() ? COUNTER : GAUGE;
      case HISTOGRAM, EXPONENTIAL_HISTOGRAM -> HISTOGRAM;
      case SUMMARY -> SUMMARY;
      case DATA_NOT_SET -> null;
    };
  }
}
