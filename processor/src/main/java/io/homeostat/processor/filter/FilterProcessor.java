package io.homeostat.processor.filter;

import com.google.protobuf.Message;
import io.homeostat.core.match.IncludeExclude;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.telemetry.Counter;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * Drops the spans, metric data points or log records its selection does not keep, and counts
 * them. A request left with nothing is acknowledged here, as accepted: there is nothing to pass
 * on, and the client's data was handled as configured.
 */
final class FilterProcessor implements Processor {

  private final IncludeExclude keep;
  private final Counter dropped;
  private final Rewrites.SpanEdit spanEdit = this::span;
  private final Rewrites.LogEdit logEdit = this::log;
  private final Rewrites.MetricEdit metricEdit = this::metric;
  /** Records dropped from the request being filtered; the pipeline thread is the only user. */
  private long droppedNow;

  FilterProcessor(IncludeExclude keep, Counter dropped) {
    this.keep = keep;
    this.dropped = dropped;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    droppedNow = 0;
    Message kept = Rewrites.records(request, spanEdit, logEdit, metricEdit);
    if (kept == request) {
      next.accept(request, ack);
      return;
    }
    dropped.add(droppedNow);
    if (OtlpRequests.itemCount(kept) == 0) {
      ack.accept();
    } else {
      next.accept(kept, ack);
    }
  }

  private Span span(Resource resource, InstrumentationScope scope, Span span) {
    return kept(keep.selects(resource, scope, span)) ? span : null;
  }

  private LogRecord log(Resource resource, InstrumentationScope scope, LogRecord record) {
    return kept(keep.selects(resource, scope, record)) ? record : null;
  }

  /** Point by point; a metric without points is judged on its name, resource and scope alone. */
  private Metric metric(Resource resource, InstrumentationScope scope, Metric metric) {
    if (OtlpRequests.dataPointCount(metric) == 0) {
      return keep.selects(resource, scope, metric, List.of()) ? metric : null;
    }
    return Rewrites.dataPoints(metric, attributes ->
        kept(keep.selects(resource, scope, metric, attributes)) ? attributes : null);
  }

  private boolean kept(boolean selected) {
    if (!selected) {
      droppedNow++;
    }
    return selected;
  }
}
