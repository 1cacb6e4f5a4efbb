package io.homeostat.homeostasis.window;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * 64-bit identities of metric series: the metric's name, the resource's attributes, the scope's
 * name and the point's attributes, as the OpenTelemetry data model identifies a stream. Attribute
 * order does not matter. Computed without allocating, from 64-bit hashes of the text, so two
 * series of one target collide only by chance (about one in 10^16 for a thousand series).
 */
public final class SeriesKeys {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private SeriesKeys() {}

  /** The identity of the series a point of {@code metric} belongs to. */
  public static long of(String metric, List<KeyValue> resource, String scope, List<KeyValue> point) {
    long h = text(metric);
    h = h * 31 + attributes(resource);
    h = h * 31 + text(scope);
    h = h * 31 + attributes(point);
    return SeriesTable.mix(h);
  }

  /** A hash of an attribute set, the same in any order. */
  static long attributes(List<KeyValue> attributes) {
    long sum = 0;
    for (int i = 0; i < attributes.size(); i++) {
      KeyValue kv = attributes.get(i);
      sum += SeriesTable.mix(text(kv.getKey()) * 0x9e3779b97f4a7c15L + value(kv.getValue()));
    }
    return sum;
  }

  private static long value(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> text(value.getStringValue());
      case INT_VALUE -> SeriesTable.mix(value.getIntValue() + 1);
      case DOUBLE_VALUE -> SeriesTable.mix(Double.doubleToLongBits(value.getDoubleValue()) + 2);
      case BOOL_VALUE -> value.getBoolValue() ? 3 : 4;
      default -> SeriesTable.mix(value.hashCode() + 5L);
    };
  }

  /** FNV-1a over the chars. */
  private static long text(String s) {
    long h = FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * FNV_PRIME;
    }
    return h;
  }
}
