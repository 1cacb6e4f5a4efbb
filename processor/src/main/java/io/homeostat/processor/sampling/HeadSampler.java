package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.function.LongSupplier;

/**
 * Head sampling: each span or log record is kept or dropped on arrival, from its trace id alone
 * ({@link ConsistentRatio}), so that every part of a trace gets the same decision wherever and
 * whenever it is seen.
 *
 * <p>With {@code keep_errors}, a request is read twice: first to note the traces that have an
 * error record in it, then to sample, so that every span of such a trace in the same request is
 * kept, whatever its order. Error traces are also remembered ({@link SharedTraces#errors}, bounded
 * and time-limited, shared with the other pipeline of this processor) so that their spans and logs
 * in later requests are kept too. Spans of the trace that went out before its error was seen are
 * not recalled; tail mode is for that.
 *
 * <p>Nothing is allocated per record: decisions read the trace id's bytes in place, the edits are
 * built once, and counts are tallied in fields. A request that loses nothing passes on as it came.
 */
final class HeadSampler implements Processor {

  private final ConsistentRatio ratio;
  private final TraceIdTable errors;
  private final LongSupplier clock;
  private final SamplingCounters counters;
  /** The time of the request being sampled, for the error traces' time limit. */
  private long now;
  private int keptInRequest;
  private final Rewrites.SpanEdit noteErrorSpan = this::noteErrorSpan;
  private final Rewrites.SpanEdit sampleSpan = this::sampleSpan;
  private final Rewrites.LogEdit noteErrorLog = this::noteErrorLog;
  private final Rewrites.LogEdit sampleLog = this::sampleLog;

  HeadSampler(ConsistentRatio ratio, TraceIdTable errors, SamplingCounters counters,
      LongSupplier clock) {
    this.ratio = ratio;
    this.errors = errors;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    now = clock.getAsLong();
    keptInRequest = 0;
    Message out;
    if (request instanceof ExportTraceServiceRequest traces) {
      if (errors != null) {
        Rewrites.spans(traces, noteErrorSpan);
      }
      out = Rewrites.spans(traces, sampleSpan);
    } else {
      ExportLogsServiceRequest logs = (ExportLogsServiceRequest) request;
      if (errors != null) {
        Rewrites.logs(logs, noteErrorLog);
      }
      out = Rewrites.logs(logs, sampleLog);
    }
    counters.publish();
    if (keptInRequest == 0 && out != request) {
      ack.accept();
    } else {
      next.accept(out, ack);
    }
  }

  private Span noteErrorSpan(Resource resource, InstrumentationScope scope, Span span) {
    if (droppedByRatio(span.getTraceId()) && ErrorRecords.isError(span)) {
      errors.put(span.getTraceId(), 0, now);
    }
    return span;
  }

  private LogRecord noteErrorLog(Resource resource, InstrumentationScope scope, LogRecord record) {
    if (droppedByRatio(record.getTraceId()) && ErrorRecords.isError(record)) {
      errors.put(record.getTraceId(), 0, now);
    }
    return record;
  }

  private Span sampleSpan(Resource resource, InstrumentationScope scope, Span span) {
    return keeps(span.getTraceId()) ? span : null;
  }

  private LogRecord sampleLog(Resource resource, InstrumentationScope scope, LogRecord record) {
    return keeps(record.getTraceId()) ? record : null;
  }

  /** Only error traces the ratio would drop need remembering. */
  private boolean droppedByRatio(ByteString traceId) {
    return TraceIds.valid(traceId) && !ratio.keeps(traceId);
  }

  private boolean keeps(ByteString traceId) {
    Policy policy = !TraceIds.valid(traceId) ? Policy.NO_TRACE_ID
        : ratio.keeps(traceId) ? Policy.RATIO
        : errors != null && errors.contains(traceId, now) ? Policy.ERRORS
        : null;
    if (policy == null) {
      counters.dropped();
      return false;
    }
    counters.kept(policy);
    keptInRequest++;
    return true;
  }
}
