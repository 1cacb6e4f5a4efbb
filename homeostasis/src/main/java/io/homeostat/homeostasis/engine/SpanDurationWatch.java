package io.homeostat.homeostasis.engine;

import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.target.TargetSpec;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/** {@code span: NAME}: the durations of the spans of one name, in milliseconds, as a distribution. */
final class SpanDurationWatch extends Watch implements Watch.OfSpans {

  private final Measure.Values durations;

  SpanDurationWatch(TargetSpec spec, MetricRegistry metrics, long watchStart) {
    super(spec, metrics, watchStart);
    this.durations = spec.slo() != null ? new SloMeasure(spec) : new DistributionMeasure(spec, window(true));
  }

  @Override
  Measure measure() {
    return durations;
  }

  @Override
  public void span(Resource resource, InstrumentationScope scope, Span span, long now) {
    double millis = Spans.durationMillis(span);
    if (millis < 0 || !tagged(span.getAttributesList(), scope, resource)
        || matcher != null && !matcher.matches(resource, scope, span)) {
      return;
    }
    long time = Spans.time(span);
    if (landed(durations.observe(time, now, millis), now) && violates(millis)) {
      exemplar(span.getTraceId(), span.getSpanId(), millis, time);
    }
  }
}
