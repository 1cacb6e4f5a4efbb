package io.homeostat.homeostasis.engine;

import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.target.TargetSpec;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * {@code error_rate}: the share of spans that failed (status ERROR or an {@code exception} event),
 * of one name or of every span the routes hand it (the requirement's).
 */
final class ErrorRateWatch extends Watch implements Watch.OfSpans {

  private final Measure.Events events;

  ErrorRateWatch(TargetSpec spec, MetricRegistry metrics, long watchStart) {
    super(spec, metrics, watchStart);
    this.events = spec.slo() != null ? new SloMeasure(spec) : new RatioMeasure(spec, window(false), true);
  }

  @Override
  Measure measure() {
    return events;
  }

  @Override
  public void span(Resource resource, InstrumentationScope scope, Span span, long now) {
    if (!tagged(span.getAttributesList(), scope, resource)
        || matcher != null && !matcher.matches(resource, scope, span)) {
      return;
    }
    boolean failed = Spans.failed(span);
    long time = Spans.time(span);
    if (landed(events.events(time, now, failed ? 0 : 1, 1), now) && failed) {
      exemplar(span.getTraceId(), span.getSpanId(), Spans.durationMillis(span), time);
    }
  }
}
