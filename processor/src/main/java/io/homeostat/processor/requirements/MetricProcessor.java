package io.homeostat.processor.requirements;

import com.google.protobuf.Message;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.requirements.RequirementsConfig.OnMissing;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The requirements processor of a metrics pipeline. The catalog's global tags go on its
 * service's resources ({@link GlobalTags}); then each data point keeps the valid keys it
 * carries, or gets them from the rules, the catalog's rules, the catalog's definition of its
 * metric, or recorded baggage; metrics belong to no trace, so nothing is ever held. As for spans,
 * a request whose points all carry valid keys (and whose resources lack no global tag) passes as
 * the same instance.
 */
final class MetricProcessor implements Processor {

  private final Tagger tagger;
  private final Batch<Metric> batch;

  MetricProcessor(Tagger tagger, Coverage coverage) {
    this.tagger = tagger;
    this.batch = new Batch<>(coverage, Signal.METRICS);
  }

  @Override
  public void start() throws Exception {
    tagger.start();
  }

  @Override
  public void shutdown(Deadline deadline) {
    tagger.stop(deadline);
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    CatalogView view = tagger.view();
    ExportMetricsServiceRequest metrics = (ExportMetricsServiceRequest) view.globalTags.applyTo(request);
    String refusal = null;
    ExportMetricsServiceRequest out;
    try {
      refusal = decide(metrics, view);
      out = refusal != null ? null : !finish() ? metrics
          : Rewrites.metrics(metrics,
              (resource, scope, metric) -> Rewrites.dataPoints(metric, this::replacement));
    } finally {
      batch.clear();
    }
    Handoff.pass(metrics, out, out != null && out.getResourceMetricsCount() == 0, refusal, ack, next);
  }

  /**
   * Reads the request into the batch and decides every data point. Returns the answer refusing
   * the request when {@code on_missing: reject} applies, else null.
   */
  private String decide(ExportMetricsServiceRequest request, CatalogView view) {
    collect(request);
    int missing = 0;
    int first = -1;
    for (int i = 0; i < batch.size; i++) {
      if (!decide(i, view)) {
        batch.states[i] = Batch.MISSING;
        missing++;
        first = first < 0 ? i : first;
      }
    }
    if (missing == 0 || tagger.onMissing != OnMissing.REJECT) {
      return null;
    }
    return tagger.rejection(describe(first), batch.services[first], batch.invalid[first], missing,
        batch.size);
  }

  /** The attributes data point {@code batch.cursor} leaves with, or null when it is dropped. */
  private List<KeyValue> replacement(List<KeyValue> attributes) {
    int i = batch.cursor++;
    if (batch.leaves(i)) {
      return null;
    }
    List<KeyValue> edited = batch.edited(i);
    return edited == null ? attributes : edited;
  }

  private void collect(ExportMetricsServiceRequest request) {
    List<ResourceMetrics> resources = request.getResourceMetricsList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceMetrics resource = resources.get(r);
      for (int s = 0; s < resource.getScopeMetricsCount(); s++) {
        ScopeMetrics scope = resource.getScopeMetrics(s);
        List<Metric> metrics = scope.getMetricsList();
        for (int m = 0; m < metrics.size(); m++) {
          Metric metric = metrics.get(m);
          int points = OtlpRequests.dataPointCount(metric);
          for (int p = 0; p < points; p++) {
            batch.add(resource.getResource(), resource.getSchemaUrl(), scope.getScope(),
                scope.getSchemaUrl(), metric, p);
          }
        }
      }
    }
  }

  private boolean decide(int i, CatalogView view) {
    Metric metric = batch.record(i);
    List<KeyValue> attributes = DataPoints.attributes(metric, batch.points[i]);
    if (tagger.own(batch, i, attributes)) {
      return true;
    }
    AnyValue keys = tagger.rules.first(batch.resources[i], batch.scopes[i], metric, attributes);
    if (keys != null) {
      batch.decide(i, keys, Source.RULE);
      return true;
    }
    keys = view.rules.first(batch.resources[i], batch.scopes[i], metric, attributes);
    if (keys != null) {
      batch.decide(i, keys, Source.CATALOG_RULE);
      return true;
    }
    keys = view.metricKeys(metric.getName());
    if (keys != null) {
      batch.decide(i, keys, Source.METRIC);
      return true;
    }
    return tagger.baggage(batch, i, attributes);
  }

  /** Applies {@code on_missing}, counts, and works out each point's attributes; true on change. */
  private boolean finish() {
    boolean changed = false;
    for (int i = 0; i < batch.size; i++) {
      List<KeyValue> attributes = DataPoints.attributes(batch.record(i), batch.points[i]);
      List<KeyValue> edited = tagger.settle(batch, i, attributes);
      if (edited != attributes) {
        batch.edited[i] = edited;
        changed = true;
      }
    }
    tagger.flushCounts();
    return changed;
  }

  private String describe(int i) {
    Metric metric = batch.record(i);
    List<KeyValue> attributes = DataPoints.attributes(metric, batch.points[i]);
    return "data point of metric '" + metric.getName() + "' "
        + attributes.stream().map(a -> a.getKey() + "=" + KeyValues.asString(a.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
  }
}
