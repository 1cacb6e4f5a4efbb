package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace the tail sampler holds until it is decided: what the policies need to know about its
 * spans so far, and the held requests its spans are in (each holds only spans of undecided traces,
 * perhaps of several).
 */
final class PendingTrace {

  /** The key of the pending map: the trace id as two numbers. */
  record Key(long high, long low) {
    static Key of(ByteString traceId) {
      return new Key(TraceIds.high(traceId), TraceIds.low(traceId));
    }
  }

  final Key key;
  final ByteString traceId;
  final long firstNanos;
  final List<ExportTraceServiceRequest> requests = new ArrayList<>(2);
  int spans;
  boolean error;
  boolean requirement;
  long earliestStart = Long.MAX_VALUE;
  long latestEnd = Long.MIN_VALUE;
  /** The request that last added a span, so that each request is listed once. */
  long lastRequest = -1;

  PendingTrace(Key key, ByteString traceId, long firstNanos) {
    this.key = key;
    this.traceId = traceId;
    this.firstNanos = firstNanos;
  }

  /** Takes note of one more span; returns true when it is the trace's first error. */
  boolean add(Span span, Requirements always) {
    spans++;
    earliestStart = Math.min(earliestStart, span.getStartTimeUnixNano());
    latestEnd = Math.max(latestEnd, span.getEndTimeUnixNano());
    if (!requirement && !always.isEmpty()) {
      requirement = always.matches(span.getAttributesList());
    }
    if (!error && ErrorRecords.isError(span)) {
      error = true;
      return true;
    }
    return false;
  }

  /** From the earliest start to the latest end of its spans, as the Collector's latency policy. */
  long durationNanos() {
    return Math.max(0, latestEnd - earliestStart);
  }
}
