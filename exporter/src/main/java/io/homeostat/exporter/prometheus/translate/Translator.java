package io.homeostat.exporter.prometheus.translate;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OTLP metric points as Prometheus series, the way the Collector's prometheus exporter makes them.
 *
 * <p>Names come from {@link MetricNamer}. A point's labels are, each overriding the ones before:
 * the resource's attributes (only with {@code resource_to_telemetry_conversion}), the point's
 * attributes (named by {@link LabelNamer}; attributes that map to the same name are joined with
 * {@code ;}), the scope's {@code otel_scope_name}, {@code otel_scope_version} and attributes
 * ({@code otel_scope_<key>}), and {@code job} ({@code service.namespace/service.name}, or
 * {@code service.name}) and {@code instance} ({@code service.instance.id}) when the resource has
 * them. The exporter's own labels ({@code const_labels}, {@code external_labels}) come last and
 * are added only where a series has no label of that name. A histogram's {@code le} and a
 * summary's {@code quantile} are their own, so attributes of those names are left out.
 *
 * <p>The resource's other attributes go on one {@code target_info} series per resource, with its
 * {@code job} and {@code instance}, unless {@code resource_to_telemetry_conversion} put them on
 * every series already.
 */
public final class Translator {

  private static final HexFormat HEX = HexFormat.of();

  private final MetricNamer namer;
  private final boolean resourceToTelemetry;
  private final Map<String, String> exporterLabels;

  /**
   * @param resourceToTelemetry the config's {@code resource_to_telemetry_conversion.enabled}
   * @param exporterLabels added to every series that has no label of the same name
   */
  public Translator(MetricNamer namer, boolean resourceToTelemetry,
      Map<String, String> exporterLabels) {
    this.namer = namer;
    this.resourceToTelemetry = resourceToTelemetry;
    this.exporterLabels = Map.copyOf(exporterLabels);
  }

  /** The held series, and one {@code target_info} per distinct resource, for a scrape. */
  public List<PromPoint> translate(Collection<Series> held) {
    Labels labels = new Labels();
    Map<Metric, Family> families = new IdentityHashMap<>();
    Set<LabelSet> targets = new HashSet<>();
    List<PromPoint> out = new ArrayList<>(held.size() + 8);
    for (Series series : held) {
      ResourceLabels resource = labels.resource(series.resource());
      Family family = families.computeIfAbsent(series.metric(), this::family);
      point(family, series.point(), resource.promoted,
          labels.scope(resource, series.resource(), series.scope()), out::add);
      if (resource.targetInfo != null && targets.add(resource.targetInfo)) {
        out.add(targetInfo(resource.targetInfo, 0));
      }
    }
    return out;
  }

  /**
   * The points of {@code request}, and one {@code target_info} per distinct resource that has a
   * point not flagged "no recorded value", stamped with the latest of them, for remote write.
   */
  public List<PromPoint> translate(ExportMetricsServiceRequest request) {
    Labels labels = new Labels();
    Map<LabelSet, Long> targets = new LinkedHashMap<>();
    List<PromPoint> out = new ArrayList<>();
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      Resource resource = resourceMetrics.getResource();
      ResourceLabels resourceLabels = labels.resource(resource);
      long[] latest = {-1};
      Consumer<PromPoint> add = point -> {
        out.add(point);
        if (!point.stale()) {
          latest[0] = Math.max(latest[0], point.timestampMillis());
        }
      };
      for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
        LabelSet high = labels.scope(resourceLabels, resource, scopeMetrics.getScope());
        for (Metric metric : scopeMetrics.getMetricsList()) {
          Family family = family(metric);
          for (Message point : Points.of(metric)) {
            point(family, point, resourceLabels.promoted, high, add);
          }
        }
      }
      if (resourceLabels.targetInfo != null && latest[0] >= 0) {
        targets.merge(resourceLabels.targetInfo, latest[0], Math::max);
      }
    }
    targets.forEach((target, millis) -> out.add(targetInfo(target, millis)));
    return out;
  }

  private Family family(Metric metric) {
    return new Family(namer.name(metric), Kind.of(metric), metric.getDescription());
  }

  private PromPoint targetInfo(LabelSet labels, long millis) {
    return new PromPoint.Number(new Family(namer.targetInfo(), Kind.INFO, "Target metadata"),
        labels, 1, millis, false, List.of());
  }

  /**
   * Translates one point: its attributes come between the labels of {@code low} and those of
   * {@code high}.
   */
  private void point(Family family, Message point, LabelSet low, LabelSet high,
      Consumer<PromPoint> out) {
    LabelSet.Builder labels = low.toBuilder().putAttributes(Points.attributes(point)).putAll(high);
    exporterLabels.forEach(labels::putIfAbsent);
    long millis = Points.timeNanos(point) / 1_000_000;
    boolean stale = Points.noRecordedValue(point);
    if (point instanceof NumberDataPoint number) {
      out.accept(new PromPoint.Number(family, labels.build(), Points.value(number), millis, stale,
          family.kind() == Kind.COUNTER ? exemplars(number.getExemplarsList()) : List.of()));
    } else if (point instanceof HistogramDataPoint histogram) {
      double[] bounds = Arrays.copyOf(
          histogram.getExplicitBoundsList().stream().mapToDouble(Double::doubleValue).toArray(),
          histogram.getExplicitBoundsCount() + 1);
      bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
      long[] counts = new long[bounds.length];
      if (histogram.getBucketCountsCount() == counts.length) {
        for (int i = 0; i < counts.length; i++) {
          counts[i] = histogram.getBucketCounts(i);
        }
      } else {
        counts[counts.length - 1] = histogram.getCount();
      }
      out.accept(new PromPoint.Histogram(family, labels.remove("le").build(), bounds, counts,
          histogram.hasSum() ? histogram.getSum() : Double.NaN, millis, stale,
          exemplars(histogram.getExemplarsList())));
    } else if (point instanceof ExponentialHistogramDataPoint exponential) {
      ExponentialBuckets.Classic classic = ExponentialBuckets.toClassic(exponential);
      out.accept(new PromPoint.Histogram(family, labels.remove("le").build(),
          classic.upperBounds(), classic.counts(),
          exponential.hasSum() ? exponential.getSum() : Double.NaN, millis, stale,
          exemplars(exponential.getExemplarsList())));
    } else {
      out.accept(summary(family, labels.remove("quantile").build(), (SummaryDataPoint) point,
          millis, stale));
    }
  }

  private static PromPoint summary(Family family, LabelSet labels, SummaryDataPoint point,
      long millis, boolean stale) {
    double[] quantiles = new double[point.getQuantileValuesCount()];
    double[] values = new double[quantiles.length];
    int n = 0;
    for (SummaryDataPoint.ValueAtQuantile at : point.getQuantileValuesList()) {
      if (at.getQuantile() >= 0 && at.getQuantile() <= 1) {
        quantiles[n] = at.getQuantile();
        values[n++] = at.getValue();
      }
    }
    return new PromPoint.Summary(family, labels, Arrays.copyOf(quantiles, n),
        Arrays.copyOf(values, n), point.getCount(), point.getSum(), millis, stale);
  }

  private static List<PromExemplar> exemplars(List<Exemplar> exemplars) {
    if (exemplars.isEmpty()) {
      return List.of();
    }
    List<PromExemplar> out = new ArrayList<>(exemplars.size());
    for (Exemplar exemplar : exemplars) {
      double value = exemplar.hasAsInt() ? exemplar.getAsInt() : exemplar.getAsDouble();
      out.add(new PromExemplar(value, hex(exemplar.getTraceId()), hex(exemplar.getSpanId()),
          exemplar.getTimeUnixNano() / 1_000_000));
    }
    return out;
  }

  private static String hex(ByteString id) {
    return id.isEmpty() ? "" : HEX.formatHex(id.toByteArray());
  }

  /**
   * What a resource gives its series.
   *
   * @param promoted its attributes as labels, with {@code resource_to_telemetry_conversion}
   * @param jobAndInstance {@code job} and {@code instance}, when it has them
   * @param targetInfo the labels of its {@code target_info}, or null for none
   */
  private record ResourceLabels(LabelSet promoted, LabelSet jobAndInstance,
      LabelSet targetInfo) {}

  /** Labels of the resources and scopes of one translation, each worked out once. */
  private final class Labels {
    private final Map<Resource, ResourceLabels> resources = new IdentityHashMap<>();
    private final Map<Resource, Map<InstrumentationScope, LabelSet>> scopes =
        new IdentityHashMap<>();

    ResourceLabels resource(Resource resource) {
      return resources.computeIfAbsent(resource, this::resourceLabels);
    }

    /** The labels that override a point's attributes: the scope's, then job and instance. */
    LabelSet scope(ResourceLabels labels, Resource resource, InstrumentationScope scope) {
      return scopes.computeIfAbsent(resource, r -> new IdentityHashMap<>())
          .computeIfAbsent(scope, s -> LabelSet.builder()
              .putAttributes(s.getAttributesList(), "otel_scope_")
              .put("otel_scope_name", s.getName())
              .put("otel_scope_version", s.getVersion())
              .putAll(labels.jobAndInstance())
              .build());
    }

    private ResourceLabels resourceLabels(Resource resource) {
      List<KeyValue> attributes = resource.getAttributesList();
      String name = KeyValues.getString(attributes, "service.name");
      String namespace = KeyValues.getString(attributes, "service.namespace");
      String instance = KeyValues.getString(attributes, "service.instance.id");
      String job = name == null ? "" : namespace == null ? name : namespace + "/" + name;
      LabelSet jobAndInstance = LabelSet.builder().put("job", job)
          .put("instance", instance == null ? "" : instance).build();
      if (resourceToTelemetry) {
        return new ResourceLabels(LabelSet.builder().putAttributes(attributes).build(),
            jobAndInstance, null);
      }
      if (jobAndInstance.size() == 0) {
        return new ResourceLabels(LabelSet.EMPTY, jobAndInstance, null);
      }
      List<KeyValue> others = new ArrayList<>(attributes.size());
      for (KeyValue attribute : attributes) {
        String key = attribute.getKey();
        if (!key.equals("service.name") && !key.equals("service.namespace")
            && !key.equals("service.instance.id")) {
          others.add(attribute);
        }
      }
      LabelSet.Builder target = LabelSet.builder().putAttributes(others).putAll(jobAndInstance);
      exporterLabels.forEach(target::putIfAbsent);
      return new ResourceLabels(LabelSet.EMPTY, jobAndInstance, target.build());
    }
  }
}
