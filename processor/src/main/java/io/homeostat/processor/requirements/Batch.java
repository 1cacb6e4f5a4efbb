package io.homeostat.processor.requirements;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.Arrays;
import java.util.List;

/**
 * The records of the request being processed, in the order {@link io.homeostat.core.otlp.Rewrites}
 * visits them, with what was read and decided for each. Parallel arrays reused from request to
 * request (they only grow), so that deciding costs no allocation; references are cleared after
 * each request so that the batch keeps nothing alive.
 */
final class Batch<R> {

  /** Still looking for an ancestor's keys. */
  static final byte PENDING = -1;
  /** Waiting for an ancestor that has not arrived. */
  static final byte HELD = -2;
  /** No key found; {@code on_missing} decides. */
  static final byte MISSING = -3;

  private final Coverage coverage;
  private final io.homeostat.core.pipeline.Signal signal;
  private Resource lastResource;
  private Coverage.Service lastService;

  int size;
  Resource[] resources = new Resource[0];
  InstrumentationScope[] scopes = new InstrumentationScope[0];
  /** The schema URLs of each record's resource group and scope group. */
  String[] resourceSchemas = new String[0];
  String[] scopeSchemas = new String[0];
  Object[] records = new Object[0];
  /** For metrics: the data point's index in its metric. */
  int[] points = new int[0];
  Coverage.Service[] services = new Coverage.Service[0];
  /** A {@link Source} ordinal once decided, else one of the states above. */
  byte[] states = new byte[0];
  AnyValue[] keys = new AnyValue[0];
  AnyValue[] present = new AnyValue[0];
  AnyValue[] invalid = new AnyValue[0];
  boolean[] fold = new boolean[0];
  /** The record's new attributes, or null when it goes on unchanged. */
  Object[] edited = new Object[0];
  /** The record {@link #replacement} answers for next. */
  int cursor;

  Batch(Coverage coverage, io.homeostat.core.pipeline.Signal signal) {
    this.coverage = coverage;
    this.signal = signal;
  }

  void add(Resource resource, String resourceSchema, InstrumentationScope scope, String scopeSchema,
      Object record, int point) {
    if (size == records.length) {
      grow();
    }
    if (resource != lastResource) {
      lastResource = resource;
      lastService = coverage.service(signal, resource);
    }
    resources[size] = resource;
    scopes[size] = scope;
    resourceSchemas[size] = resourceSchema;
    scopeSchemas[size] = scopeSchema;
    records[size] = record;
    points[size] = point;
    services[size] = lastService;
    states[size] = PENDING;
    size++;
  }

  @SuppressWarnings("unchecked")
  R record(int i) {
    return (R) records[i];
  }

  /** Sets record {@code i}'s keys and where they came from. */
  void decide(int i, AnyValue found, Source source) {
    keys[i] = found;
    states[i] = (byte) source.ordinal();
  }

  boolean decided(int i) {
    return states[i] >= 0;
  }

  Source source(int i) {
    return Source.of(states[i]);
  }

  /** True when record {@code i} does not go on with this request: held, or dropped. */
  boolean leaves(int i) {
    return states[i] == HELD || states[i] == Source.DROPPED.ordinal();
  }

  @SuppressWarnings("unchecked")
  List<KeyValue> edited(int i) {
    return (List<KeyValue>) edited[i];
  }

  /** Forgets the request, keeping the arrays. */
  void clear() {
    Arrays.fill(resources, 0, size, null);
    Arrays.fill(scopes, 0, size, null);
    Arrays.fill(resourceSchemas, 0, size, null);
    Arrays.fill(scopeSchemas, 0, size, null);
    Arrays.fill(records, 0, size, null);
    Arrays.fill(services, 0, size, null);
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(present, 0, size, null);
    Arrays.fill(invalid, 0, size, null);
    Arrays.fill(edited, 0, size, null);
    lastResource = null;
    lastService = null;
    size = 0;
    cursor = 0;
  }

  private void grow() {
    int capacity = Math.max(64, records.length * 2);
    resources = Arrays.copyOf(resources, capacity);
    scopes = Arrays.copyOf(scopes, capacity);
    resourceSchemas = Arrays.copyOf(resourceSchemas, capacity);
    scopeSchemas = Arrays.copyOf(scopeSchemas, capacity);
    records = Arrays.copyOf(records, capacity);
    points = Arrays.copyOf(points, capacity);
    services = Arrays.copyOf(services, capacity);
    states = Arrays.copyOf(states, capacity);
    keys = Arrays.copyOf(keys, capacity);
    present = Arrays.copyOf(present, capacity);
    invalid = Arrays.copyOf(invalid, capacity);
    fold = Arrays.copyOf(fold, capacity);
    edited = Arrays.copyOf(edited, capacity);
  }
}
