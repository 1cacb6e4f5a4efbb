package io.homeostat.exporter.prometheus.translate;

import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;

/** The fields every kind of OTLP data point has, read from any of them. */
final class Points {

  private static final int NO_RECORDED_VALUE =
      DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE;

  private Points() {}

  /** The data points of {@code metric}, of whichever kind it holds. */
  static List<? extends Message> of(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsList();
      case SUM -> metric.getSum().getDataPointsList();
      case HISTOGRAM -> metric.getHistogram().getDataPointsList();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList();
      case SUMMARY -> metric.getSummary().getDataPointsList();
      case DATA_NOT_SET -> List.of();
    };
  }

  static double value(NumberDataPoint point) {
    return point.hasAsInt() ? point.getAsInt() : point.getAsDouble();
  }

  static List<KeyValue> attributes(Message point) {
    if (point instanceof NumberDataPoint p) {
      return p.getAttributesList();
    }
    if (point instanceof HistogramDataPoint p) {
      return p.getAttributesList();
    }
    if (point instanceof ExponentialHistogramDataPoint p) {
      return p.getAttributesList();
    }
    return ((SummaryDataPoint) point).getAttributesList();
  }

  static long startNanos(Message point) {
    if (point instanceof NumberDataPoint p) {
      return p.getStartTimeUnixNano();
    }
    if (point instanceof HistogramDataPoint p) {
      return p.getStartTimeUnixNano();
    }
    if (point instanceof ExponentialHistogramDataPoint p) {
      return p.getStartTimeUnixNano();
    }
    return ((SummaryDataPoint) point).getStartTimeUnixNano();
  }

  static long timeNanos(Message point) {
    if (point instanceof NumberDataPoint p) {
      return p.getTimeUnixNano();
    }
    if (point instanceof HistogramDataPoint p) {
      return p.getTimeUnixNano();
    }
    if (point instanceof ExponentialHistogramDataPoint p) {
      return p.getTimeUnixNano();
    }
    return ((SummaryDataPoint) point).getTimeUnixNano();
  }

  /** True when the point says its series ended (the "no recorded value" flag). */
  static boolean noRecordedValue(Message point) {
    int flags;
    if (point instanceof NumberDataPoint p) {
      flags = p.getFlags();
    } else if (point instanceof HistogramDataPoint p) {
      flags = p.getFlags();
    } else if (point instanceof ExponentialHistogramDataPoint p) {
      flags = p.getFlags();
    } else {
      flags = ((SummaryDataPoint) point).getFlags();
    }
    return (flags & NO_RECORDED_VALUE) != 0;
  }

  /** {@code point} flagged "no recorded value" at {@code timeNanos}: its series' end. */
  static Message ended(Message point, long timeNanos) {
    if (point instanceof NumberDataPoint p) {
      return p.toBuilder().setTimeUnixNano(timeNanos).setFlags(p.getFlags() | NO_RECORDED_VALUE)
          .build();
    }
    if (point instanceof HistogramDataPoint p) {
      return p.toBuilder().setTimeUnixNano(timeNanos).setFlags(p.getFlags() | NO_RECORDED_VALUE)
          .build();
    }
    if (point instanceof ExponentialHistogramDataPoint p) {
      return p.toBuilder().setTimeUnixNano(timeNanos).setFlags(p.getFlags() | NO_RECORDED_VALUE)
          .build();
    }
    SummaryDataPoint p = (SummaryDataPoint) point;
    return p.toBuilder().setTimeUnixNano(timeNanos).setFlags(p.getFlags() | NO_RECORDED_VALUE)
        .build();
  }
}
