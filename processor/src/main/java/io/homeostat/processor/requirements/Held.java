package io.homeostat.processor.requirements;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * A span or log record held until the span it takes its keys from is known, with what the
 * processor read from it on arrival. It sits in its {@link Holding}'s list of waiting records
 * (oldest first) until it inherits keys or is let go.
 */
final class Held<R> {

  final Resource resource;
  final InstrumentationScope scope;
  final String resourceSchema;
  final String scopeSchema;
  final R record;
  final Coverage.Service service;
  /** What {@link KeyReader} found on arrival. */
  final AnyValue present;
  final AnyValue invalid;
  final boolean fold;
  final long traceHigh;
  final long traceLow;
  /** The span whose keys it takes: a span's parent, a log record's own span. */
  final long awaited;
  /** The span's own id, which its children wait for; 0 for log records. */
  final long own;
  final long arrived;
  private final Holding<R> owner;

  Held<R> previous;
  Held<R> next;
  boolean waiting;
  /** The keys it inherited; null while waiting, and when let go without any. */
  AnyValue keys;

  /** Holds record {@code i} of {@code batch}. */
  Held(Holding<R> owner, Batch<R> batch, int i, long traceHigh, long traceLow, long awaited,
      long own, long arrived) {
    this.owner = owner;
    this.resource = batch.resources[i];
    this.scope = batch.scopes[i];
    this.resourceSchema = batch.resourceSchemas[i];
    this.scopeSchema = batch.scopeSchemas[i];
    this.record = batch.record(i);
    this.service = batch.services[i];
    this.present = batch.present[i];
    this.invalid = batch.invalid[i];
    this.fold = batch.fold[i];
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
    this.awaited = awaited;
    this.own = own;
    this.arrived = arrived;
  }

  /** Takes {@code inherited} (null: none) if still waiting; returns false when it was not. */
  boolean inherit(AnyValue inherited) {
    if (!waiting) {
      return false;
    }
    keys = inherited;
    owner.ready(this);
    return true;
  }
}
