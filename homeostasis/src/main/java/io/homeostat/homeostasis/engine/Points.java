package io.homeostat.homeostasis.engine;

import io.homeostat.core.telemetry.Counter;
import io.homeostat.homeostasis.window.CounterSeries;
import io.homeostat.homeostasis.window.SeriesKeys;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;
import java.util.List;

/** What the engine reads of metric points, and counter increases series by series. */
final class Points {

  /** Series of a cumulative metric are remembered at least this long after their last point. */
  static final Duration MIN_SERIES_HORIZON = Duration.ofMinutes(15);

  private final CounterSeries series;
  private final Counter untracked;

  /**
   * @param untracked counts points of series beyond the target's limit
   */
  Points(int maxSeries, Duration window, long watchStart, Counter untracked) {
    this.series = new CounterSeries(maxSeries, horizon(window), watchStart);
    this.untracked = untracked;
  }

  /**
   * How long a series is remembered: two windows, at least 15 minutes, so that an SDK exporting
   * once a minute never looks like a new series to a target with a short window.
   */
  static Duration horizon(Duration window) {
    Duration two = window.multipliedBy(2);
    return two.compareTo(MIN_SERIES_HORIZON) > 0 ? two : MIN_SERIES_HORIZON;
  }

  /**
   * What a counter point adds: its value for delta points, its increase over the series' last
   * point for cumulative ones; NaN (and counted) for a series beyond the limit.
   */
  double increase(boolean cumulative, Resource resource, InstrumentationScope scope, Metric metric,
      List<KeyValue> attributes, long start, double value, long now) {
    if (!cumulative) {
      return value;
    }
    double increase = series.increase(SeriesKeys.of(metric.getName(), resource.getAttributesList(),
        scope.getName(), attributes), start, value, now);
    if (Double.isNaN(increase)) {
      untracked.inc();
    }
    return increase;
  }

  /** Forgets series not seen for the horizon. */
  void expire(long now) {
    series.expire(now);
  }

  static double value(NumberDataPoint point) {
    return point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
  }

  /** A point flagged as holding no recorded value (a series that stopped). */
  static boolean noValue(int flags) {
    return (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
  }

  /** Delta points add themselves; cumulative ones (and those that do not say) add their increase. */
  static boolean cumulative(AggregationTemporality temporality) {
    return temporality != AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA;
  }

  /** A point's time, or now for a point without one. */
  static long time(long pointTime, long now) {
    return pointTime != 0 ? pointTime : now;
  }
}
