package io.homeostat.exporter.spanmetrics;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.util.Arrays;
import java.util.Objects;

/**
 * What tells one series from another. The pipeline thread keeps one mutable instance as a probe:
 * it fills it with a span's values (strings and values the decoded span already holds) and looks
 * the series up with it, so that a span of an existing series costs no allocation; only a new
 * series gets an immutable {@link #copy}. The span name stays the bytes protobuf decoded, which
 * compare and hash without being made a {@code String}.
 *
 * <p>Excluded built-in dimensions are null (names) or −1 (kind and status) in every key.
 */
final class SeriesKey {

  private Group group;
  private String requirement;
  private ByteString spanName;
  private int kind;
  private int status;
  private final AnyValue[] dimensions;
  private int dimensionsHash;
  private int hash;

  SeriesKey(int dimensionCount) {
    this.dimensions = new AnyValue[dimensionCount];
  }

  private SeriesKey(SeriesKey from) {
    this.group = from.group;
    this.requirement = from.requirement;
    this.spanName = from.spanName;
    this.kind = from.kind;
    this.status = from.status;
    this.dimensions = from.dimensions.clone();
    this.dimensionsHash = from.dimensionsHash;
    this.hash = from.hash;
  }

  /** The extra dimensions' values, for the probe's owner to fill before {@link #span}. */
  AnyValue[] dimensions() {
    return dimensions;
  }

  /** Sets the span's values, once per span; the extra dimensions must be filled already. */
  void span(Group group, ByteString spanName, int kind, int status) {
    this.group = group;
    this.spanName = spanName;
    this.kind = kind;
    this.status = status;
    this.dimensionsHash = Arrays.hashCode(dimensions);
  }

  /** Sets the requirement, once per requirement key of the span. */
  void requirement(String requirement) {
    this.requirement = requirement;
    int h = group.hash;
    h = 31 * h + requirement.hashCode();
    h = 31 * h + Objects.hashCode(spanName);
    h = 31 * h + kind;
    h = 31 * h + status;
    hash = 31 * h + dimensionsHash;
  }

  /** An immutable copy for the series table; the probe goes on changing. */
  SeriesKey copy() {
    return new SeriesKey(this);
  }

  String requirement() {
    return requirement;
  }

  ByteString spanName() {
    return spanName;
  }

  int kind() {
    return kind;
  }

  int status() {
    return status;
  }

  AnyValue dimension(int i) {
    return dimensions[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SeriesKey other && hash == other.hash && group == other.group
        && kind == other.kind && status == other.status
        && requirement.equals(other.requirement) && Objects.equals(spanName, other.spanName)
        && Arrays.equals(dimensions, other.dimensions);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
