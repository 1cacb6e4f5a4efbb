package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/**
 * The series of one resource, as the Collector's connector keeps them: they go out under that
 * resource, so the Prometheus exporters derive {@code job}, {@code instance} and
 * {@code target_info} from it as for the service's own metrics. Holds what every span of the
 * resource shares, read once.
 */
final class Group {

  final Resource resource;
  /** {@code service.name}, or null. */
  final AnyValue serviceName;
  /** The resource's {@code req}: the requirement of its spans that name none themselves. */
  final AnyValue requirement;
  /** The resource's value of each extra dimension, or null. */
  final AnyValue[] dimensions;
  /** Identity, not content: a group's series keys compare it by reference. */
  final int hash = System.identityHashCode(this);
  /** Series of this group in the table; pipeline thread only. */
  int series;

  Group(Resource resource, List<String> dimensionNames) {
    this.resource = resource;
    List<KeyValue> attributes = resource.getAttributesList();
    this.serviceName = KeyValues.get(attributes, SpanMetricsConfig.BuiltIn.SERVICE_NAME);
    this.requirement = KeyValues.get(attributes, ReqKeys.KEY);
    this.dimensions = new AnyValue[dimensionNames.size()];
    for (int i = 0; i < dimensions.length; i++) {
      dimensions[i] = KeyValues.get(attributes, dimensionNames.get(i));
    }
  }
}
