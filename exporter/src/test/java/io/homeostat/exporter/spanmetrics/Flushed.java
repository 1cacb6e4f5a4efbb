package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a request the connector handed over: its points by their attributes, written
 * {@code key=value} in their order and joined with {@code ", "}.
 */
final class Flushed {

  private Flushed() {}

  static String attributes(List<KeyValue> attributes) {
    return attributes.stream().map(kv -> kv.getKey() + "=" + KeyValues.asString(kv.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The metrics of each resource, by name. */
  static List<Map<String, Metric>> metrics(ExportMetricsServiceRequest request) {
    return request.getResourceMetricsList().stream()
        .map(resource -> resource.getScopeMetricsList().stream()
            .flatMap(scope -> scope.getMetricsList().stream())
            .collect(Collectors.toMap(Metric::getName, Function.identity())))
        .toList();
  }

  static Map<String, NumberDataPoint> calls(ExportMetricsServiceRequest request, String name) {
    return points(request, name, m -> m.getSum().getDataPointsList(),
        NumberDataPoint::getAttributesList);
  }

  static Map<String, Long> callCounts(ExportMetricsServiceRequest request) {
    Map<String, Long> counts = new TreeMap<>();
    calls(request, "traces.span.metrics.calls").forEach((k, p) -> counts.put(k, p.getAsInt()));
    return counts;
  }

  static Map<String, HistogramDataPoint> durations(ExportMetricsServiceRequest request,
      String name) {
    return points(request, name, m -> m.getHistogram().getDataPointsList(),
        HistogramDataPoint::getAttributesList);
  }

  static Map<String, ExponentialHistogramDataPoint> exponential(
      ExportMetricsServiceRequest request, String name) {
    return points(request, name, m -> m.getExponentialHistogram().getDataPointsList(),
        ExponentialHistogramDataPoint::getAttributesList);
  }

  private static <P> Map<String, P> points(ExportMetricsServiceRequest request, String name,
      Function<Metric, List<P>> points, Function<P, List<KeyValue>> attributes) {
    Map<String, P> out = new TreeMap<>();
    for (ResourceMetrics resource : request.getResourceMetricsList()) {
      resource.getScopeMetricsList().forEach(scope -> scope.getMetricsList().stream()
          .filter(m -> m.getName().equals(name))
          .forEach(m -> points.apply(m).forEach(p -> {
            if (out.put(attributes(attributes.apply(p)), p) != null) {
              throw new AssertionError("two points of " + name + " with the attributes of " + p);
            }
          })));
    }
    return out;
  }
}
