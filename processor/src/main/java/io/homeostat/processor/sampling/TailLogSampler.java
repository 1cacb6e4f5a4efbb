package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.processor.support.Redelivery;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.LongSupplier;

/**
 * Tail sampling of log records: each record follows the decision its trace gets in the traces
 * pipeline of the same processor ({@link SharedTraces#decisions}), so that a kept trace keeps its
 * logs and a dropped one loses them.
 *
 * <p>Records whose trace is not decided yet are held (acknowledged when taken, handed on through
 * {@link Redelivery}) until it is, or at most {@code decision_wait} plus two ticks after they came:
 * time enough for a trace whose first span came no later than the record. Past that, or past
 * {@code max_spans} held records, a record is decided alone: kept by the ratio (the same rule the
 * traces pipeline applies last) or, with {@code keep_errors}, when it or its trace is an error.
 * Records without a trace id pass at once.
 */
final class TailLogSampler implements Processor {

  /** One held request: only the records of undecided traces. */
  private record Held(ExportLogsServiceRequest request, long arrivedNanos, int records) {}

  private final ConsistentRatio ratio;
  private final boolean keepErrors;
  private final TraceIdTable errors;
  private final TraceIdTable decisions;
  private final long holdNanos;
  private final int maxRecords;
  private final Duration tickInterval;
  private final LongSupplier clock;
  private final SamplingCounters counters;
  private final Redelivery redelivery;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final Triage triage = new Triage();
  private long now;
  /** Read by the gauge from the scrape thread: a stale value does no harm there. */
  private int heldRecords;

  private final Rewrites.LogEdit classify = (resource, scope, record) -> {
    triage.note(classify(record, false));
    return record;
  };
  private final Rewrites.LogEdit passing = (resource, scope, record) ->
      triage.next(Triage.PASS) ? record : null;
  private final Rewrites.LogEdit holding = (resource, scope, record) ->
      triage.next(Triage.HOLD) ? record : null;
  private final Rewrites.LogEdit deciding = (resource, scope, record) ->
      classify(record, true) == Triage.PASS ? record : null;

  TailLogSampler(SamplingConfig config, SharedTraces shared, SamplingCounters counters,
      Redelivery redelivery, LongSupplier clock) {
    this.ratio = new ConsistentRatio(config.ratio());
    this.keepErrors = config.keepErrors();
    this.errors = shared.errors;
    this.decisions = shared.decisions;
    this.tickInterval = TailSampler.ticks(config.decisionWait());
    this.holdNanos = config.decisionWait().plus(tickInterval.multipliedBy(2)).toNanos();
    this.maxRecords = config.maxSpans();
    this.counters = counters;
    this.redelivery = redelivery;
    this.clock = clock;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    ExportLogsServiceRequest logs = (ExportLogsServiceRequest) request;
    now = clock.getAsLong();
    triage.start(OtlpRequests.logRecordCount(logs));
    Rewrites.logs(logs, classify);
    if (triage.held() > 0) {
      held.addLast(new Held(pick(logs, holding), now, triage.held()));
      heldRecords += triage.held();
    }
    counters.publish();
    triage.answer(pick(logs, passing), ack, next);
    while (heldRecords > maxRecords) {
      release(held.pollFirst(), next);
    }
  }

  @Override
  public Duration tickInterval() {
    return tickInterval;
  }

  @Override
  public void onTick(long nanoTime, Downstream next) {
    now = nanoTime;
    redelivery.retry(next);
    for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
      Held entry = it.next();
      if (nanoTime - entry.arrivedNanos >= holdNanos || decided(entry.request)) {
        it.remove();
        release(entry, next);
      }
    }
  }

  @Override
  public void flush(Downstream next) {
    now = clock.getAsLong();
    while (!held.isEmpty()) {
      release(held.pollFirst(), next);
    }
    redelivery.flush(next);
  }

  /** Log records held now, for the gauge. */
  int heldRecords() {
    return heldRecords;
  }

  private ExportLogsServiceRequest pick(ExportLogsServiceRequest request, Rewrites.LogEdit edit) {
    triage.rewind();
    return Rewrites.logs(request, edit);
  }

  private void release(Held entry, Downstream next) {
    heldRecords -= entry.records;
    ExportLogsServiceRequest out = Rewrites.logs(entry.request, deciding);
    counters.publish();
    if (out.getResourceLogsCount() > 0) {
      redelivery.emit(out, next);
    }
  }

  /**
   * PASS, HOLD or DROP for one record. {@code alone} says the record can wait no longer: if its
   * trace is still undecided, it is decided by what the record itself shows.
   */
  private byte classify(LogRecord record, boolean alone) {
    ByteString traceId = record.getTraceId();
    if (!TraceIds.valid(traceId)) {
      return pass(Policy.NO_TRACE_ID);
    }
    boolean error = keepErrors && ErrorRecords.isError(record);
    long decision = decisions.get(traceId, now);
    if (decision == TraceIdTable.MISSING) {
      if (error) {
        // The traces pipeline then keeps the trace, whose spans may still be held.
        errors.put(traceId, 0, now);
      }
      if (!alone) {
        return Triage.HOLD;
      }
      return error || keepErrors && errors.contains(traceId, now) ? pass(Policy.ERRORS)
          : ratio.keeps(traceId) ? pass(Policy.RATIO) : drop();
    }
    if (SharedTraces.kept(decision)) {
      return pass(Policy.TRACE_KEPT);
    }
    if (error) {
      decisions.put(traceId, SharedTraces.KEPT_LATE, now);
      errors.put(traceId, 0, now);
      return pass(Policy.ERRORS);
    }
    return drop();
  }

  private byte pass(Policy policy) {
    counters.kept(policy);
    return Triage.PASS;
  }

  private byte drop() {
    counters.dropped();
    return Triage.DROP;
  }

  /** True when every record of {@code request} has a decided trace. */
  private boolean decided(ExportLogsServiceRequest request) {
    for (ResourceLogs resource : request.getResourceLogsList()) {
      for (ScopeLogs scope : resource.getScopeLogsList()) {
        for (LogRecord record : scope.getLogRecordsList()) {
          if (decisions.get(record.getTraceId(), now) == TraceIdTable.MISSING) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
