package io.homeostat.homeostasis.engine;

import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.target.Source;
import io.homeostat.homeostasis.target.TargetSpec;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Locale;

/**
 * {@code ratio: {good, total}}: good events over all events. Over metrics, an event is a counter's
 * increase (a monotonic sum), or a histogram's count increase, in the series a selector matches;
 * over spans, a span a selector matches. A record may count on both sides
 * ({@code login_attempts{status=success}} is also in {@code login_attempts}).
 */
final class RatioWatch extends Watch implements Watch.OfSpans, Watch.OfMetrics {

  private final SelectorMatch good;
  private final SelectorMatch total;
  private final Measure.Events events;
  private final RateLimitedLog log;
  private final Counter wrongKind;
  private final Points points;

  RatioWatch(TargetSpec spec, MetricRegistry metrics, long watchStart, RateLimitedLog log) {
    super(spec, metrics, watchStart);
    Source.Ratio ratio = (Source.Ratio) spec.source();
    this.good = new SelectorMatch(ratio.good());
    this.total = new SelectorMatch(ratio.total());
    this.events = spec.slo() != null ? new SloMeasure(spec) : new RatioMeasure(spec, window(false), false);
    this.log = log;
    this.wrongKind = droppedPoints(metrics, "kind");
    this.points = new Points(spec.maxSeries(), spec.window(), watchStart,
        droppedPoints(metrics, "series_limit"));
  }

  @Override
  Measure measure() {
    return events;
  }

  @Override
  void expire(long now) {
    points.expire(now);
  }

  @Override
  public void span(Resource resource, InstrumentationScope scope, Span span, long now) {
    boolean isGood = good.matches(span);
    boolean isTotal = total.matches(span);
    if (!isGood && !isTotal || !tagged(span.getAttributesList(), scope, resource)
        || matcher != null && !matcher.matches(resource, scope, span)) {
      return;
    }
    long time = Spans.time(span);
    if (landed(events.events(time, now, isGood ? 1 : 0, isTotal ? 1 : 0), now) && isTotal && !isGood) {
      exemplar(span.getTraceId(), span.getSpanId(), Spans.durationMillis(span), time);
    }
  }

  @Override
  public void metric(Resource resource, InstrumentationScope scope, Metric metric, long now) {
    switch (metric.getDataCase()) {
      case SUM -> {
        if (!metric.getSum().getIsMonotonic()) {
          refuse(metric, "a sum that can go down");
          return;
        }
        boolean cumulative = Points.cumulative(metric.getSum().getAggregationTemporality());
        List<NumberDataPoint> list = metric.getSum().getDataPointsList();
        for (int i = 0; i < list.size(); i++) {
          NumberDataPoint p = list.get(i);
          if (!Points.noValue(p.getFlags())) {
            count(resource, scope, metric, p.getAttributesList(), p.getStartTimeUnixNano(),
                Points.value(p), p.getTimeUnixNano(), p.getExemplarsList(), cumulative, now);
          }
        }
      }
      case HISTOGRAM -> {
        boolean cumulative = Points.cumulative(metric.getHistogram().getAggregationTemporality());
        List<HistogramDataPoint> list = metric.getHistogram().getDataPointsList();
        for (int i = 0; i < list.size(); i++) {
          HistogramDataPoint p = list.get(i);
          if (!Points.noValue(p.getFlags())) {
            count(resource, scope, metric, p.getAttributesList(), p.getStartTimeUnixNano(),
                p.getCount(), p.getTimeUnixNano(), p.getExemplarsList(), cumulative, now);
          }
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        boolean cumulative = Points.cumulative(metric.getExponentialHistogram().getAggregationTemporality());
        List<ExponentialHistogramDataPoint> list = metric.getExponentialHistogram().getDataPointsList();
        for (int i = 0; i < list.size(); i++) {
          ExponentialHistogramDataPoint p = list.get(i);
          if (!Points.noValue(p.getFlags())) {
            count(resource, scope, metric, p.getAttributesList(), p.getStartTimeUnixNano(),
                p.getCount(), p.getTimeUnixNano(), p.getExemplarsList(), cumulative, now);
          }
        }
      }
      default -> refuse(metric, "a " + metric.getDataCase().name().toLowerCase(Locale.ROOT));
    }
  }

  /** One point: an event count (a counter's value, a histogram's count) on either side. */
  private void count(Resource resource, InstrumentationScope scope, Metric metric,
      List<KeyValue> attributes, long start, double value, long pointTime,
      List<Exemplar> exemplars, boolean cumulative, long now) {
    boolean isGood = good.matches(metric.getName(), attributes);
    boolean isTotal = total.matches(metric.getName(), attributes);
    if (!isGood && !isTotal || !tagged(attributes, scope, resource)
        || matcher != null && !matcher.matches(resource, scope, metric, attributes)) {
      return;
    }
    double increase = points.increase(cumulative, resource, scope, metric, attributes, start, value, now);
    if (Double.isNaN(increase)) {
      return;
    }
    long time = Points.time(pointTime, now);
    if (landed(events.events(time, now, isGood ? increase : 0, isTotal ? increase : 0), now)
        && isTotal && !isGood) {
      exemplars(exemplars, time, false);
    }
  }

  private void refuse(Metric metric, String what) {
    wrongKind.add(OtlpRequests.dataPointCount(metric));
    log.warn("kind:" + spec.key(), "metric '" + metric.getName() + "' of ratio target "
        + spec.key() + " is " + what + ", which counts no events; its points are not counted: "
        + "select a counter (a monotonic sum) or a histogram", null);
  }
}
