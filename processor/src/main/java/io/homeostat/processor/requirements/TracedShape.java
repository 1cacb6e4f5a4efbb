package io.homeostat.processor.requirements;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.HexFormat;
import java.util.List;

/**
 * What {@link TracedProcessor} needs to know about the records of one signal that belong to
 * traces: spans, or log records.
 */
interface TracedShape<R extends Message> {

  Signal signal();

  /** Adds the records of {@code request} to {@code batch}, in the order {@link #rewrite} visits them. */
  void collect(Message request, Batch<R> batch);

  /**
   * The request with each record replaced as {@link #replacement} says; the same instance when
   * nothing changed.
   */
  Message rewrite(Message request, Batch<R> batch);

  /** A request of {@code records}, grouped by resource and scope. */
  Message assemble(Groups<R> records);

  /** True when the request holds no resource groups. */
  boolean isEmpty(Message request);

  List<KeyValue> attributes(R record);

  R withAttributes(R record, List<KeyValue> attributes);

  /** The keys of the first of {@code rules} that matches, or null. */
  AnyValue ruleKeys(Rules rules, Resource resource, InstrumentationScope scope, R record);

  ByteString traceId(R record);

  /** The span whose keys the record takes: a span's parent, a log record's own span. */
  ByteString awaitedSpan(R record);

  /** The id descendants wait for: a span's own; empty for log records. */
  ByteString ownSpan(R record);

  /** The record as a message names it, such as {@code span 'GET /cart' (trace_id …, span_id …)}. */
  String describe(R record);

  /** What record {@code batch.cursor} leaves as: unchanged, with new attributes, or null (gone). */
  default R replacement(Batch<R> batch, R record) {
    int i = batch.cursor++;
    if (batch.leaves(i)) {
      return null;
    }
    List<KeyValue> edited = batch.edited(i);
    return edited == null ? record : withAttributes(record, edited);
  }

  /** {@code " (trace_id …, span_id …)"}, or what of it is set. */
  static String ids(ByteString traceId, ByteString spanId) {
    if (traceId.isEmpty() && spanId.isEmpty()) {
      return "";
    }
    HexFormat hex = HexFormat.of();
    return " (trace_id " + hex.formatHex(traceId.toByteArray()) + ", span_id "
        + hex.formatHex(spanId.toByteArray()) + ")";
  }
}
