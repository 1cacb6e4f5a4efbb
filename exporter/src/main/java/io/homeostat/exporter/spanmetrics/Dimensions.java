package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.homeostat.exporter.spanmetrics.SpanMetricsConfig.BuiltIn;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Which attributes a series has, and their values: the built-in dimensions that are not excluded
 * ({@code service.name}, {@code span.name}, {@code span.kind}, {@code status.code}), the extra
 * ones, and {@code req}. Kinds and status codes are written as the Collector writes them
 * ({@code SPAN_KIND_SERVER}, {@code STATUS_CODE_ERROR}).
 */
final class Dimensions {

  /** The attribute of the one series that counts spans past the cardinality limit. */
  static final KeyValue OVERFLOW = KeyValue.newBuilder().setKey("otel.metric.overflow")
      .setValue(AnyValue.newBuilder().setBoolValue(true)).build();

  private final boolean serviceName;
  private final boolean spanName;
  private final boolean spanKind;
  private final boolean statusCode;
  private final List<String> names;
  private final AnyValue[] defaults;

  Dimensions(SpanMetricsConfig config) {
    List<String> excluded = config.excludeDimensions();
    serviceName = !excluded.contains(BuiltIn.SERVICE_NAME);
    spanName = !excluded.contains(BuiltIn.SPAN_NAME);
    spanKind = !excluded.contains(BuiltIn.SPAN_KIND);
    statusCode = !excluded.contains(BuiltIn.STATUS_CODE);
    names = config.dimensions().stream().map(SpanMetricsConfig.Dimension::name).toList();
    defaults = config.dimensions().stream()
        .map(d -> d.defaultValue() == null ? null : KeyValues.string(d.defaultValue()))
        .toArray(AnyValue[]::new);
  }

  /** The extra dimensions' names, in config order. */
  List<String> names() {
    return names;
  }

  /**
   * Fills {@code probe} with {@code span}'s values: the extra dimensions from the span's
   * attributes, else its resource's, else their defaults.
   */
  void fill(SeriesKey probe, Group group, Span span) {
    AnyValue[] values = probe.dimensions();
    List<KeyValue> attributes = span.getAttributesList();
    for (int i = 0; i < values.length; i++) {
      AnyValue value = KeyValues.get(attributes, names.get(i));
      if (value == null) {
        value = group.dimensions[i] != null ? group.dimensions[i] : defaults[i];
      }
      values[i] = value;
    }
    probe.span(group, spanName ? span.getNameBytes() : null, spanKind ? span.getKindValue() : -1,
        statusCode ? span.getStatus().getCodeValue() : -1);
  }

  /** The point attributes of the series {@code key} names, made once per series. */
  List<KeyValue> attributes(Group group, SeriesKey key) {
    List<KeyValue> out = new ArrayList<>(5 + names.size());
    if (serviceName && group.serviceName != null) {
      out.add(attribute(BuiltIn.SERVICE_NAME, group.serviceName));
    }
    if (spanName) {
      out.add(attribute(BuiltIn.SPAN_NAME, KeyValues.string(key.spanName().toStringUtf8())));
    }
    if (spanKind) {
      Span.SpanKind kind = Span.SpanKind.forNumber(key.kind());
      out.add(attribute(BuiltIn.SPAN_KIND, KeyValues.string(
          kind == null ? Span.SpanKind.SPAN_KIND_UNSPECIFIED.name() : kind.name())));
    }
    if (statusCode) {
      Status.StatusCode code = Status.StatusCode.forNumber(key.status());
      out.add(attribute(BuiltIn.STATUS_CODE, KeyValues.string(
          code == null ? Status.StatusCode.STATUS_CODE_UNSET.name() : code.name())));
    }
    for (int i = 0; i < names.size(); i++) {
      if (key.dimension(i) != null) {
        out.add(attribute(names.get(i), key.dimension(i)));
      }
    }
    out.add(attribute(ReqKeys.KEY, KeyValues.string(key.requirement())));
    return List.copyOf(out);
  }

  private static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }
}
