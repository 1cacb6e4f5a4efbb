package io.homeostat.processor.requirements;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;

/** The attributes of a metric's data points, whatever its type. */
final class DataPoints {

  private DataPoints() {}

  /** The attributes of data point {@code index} of {@code metric}. */
  static List<KeyValue> attributes(Metric metric, int index) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPoints(index).getAttributesList();
      case SUM -> metric.getSum().getDataPoints(index).getAttributesList();
      case HISTOGRAM -> metric.getHistogram().getDataPoints(index).getAttributesList();
      case EXPONENTIAL_HISTOGRAM ->
          metric.getExponentialHistogram().getDataPoints(index).getAttributesList();
      case SUMMARY -> metric.getSummary().getDataPoints(index).getAttributesList();
      case DATA_NOT_SET -> List.of();
    };
  }
}
