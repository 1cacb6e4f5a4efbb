package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.processor.support.Redelivery;
import io.homeostat.processor.support.RequestMerge;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Tail sampling of traces, after the Collector's tail-sampling processor: a trace's spans are held
 * for {@code decision_wait} from its first span, then the whole trace is kept or dropped by the
 * policies, in this order: errors, latency, required requirement, the ratio.
 *
 * <p>Held spans are acknowledged when taken (a client must not wait seconds for its answer) and
 * handed on when their trace is decided, through {@link Redelivery}, which retries what a full
 * exporter refuses. A request is split copy-on-write into the spans passed on at once (no trace id,
 * or their trace is already decided and kept), those dropped (their trace was dropped) and those
 * held; each decision round merges the kept traces' spans from every held request into one.
 *
 * <p>Bounds: past {@code num_traces} traces or {@code max_spans} spans held, the oldest traces are
 * decided early with what is known of them. Nothing is held past the wait (ticks come every tenth
 * of it) and nothing undecided is dropped: {@link #flush} decides everything at shutdown. Decisions
 * are remembered ({@link SharedTraces#decisions}), so that spans arriving after their trace was
 * decided follow it, and the logs pipeline of this processor follows it too.
 */
final class TailSampler implements Processor {

  private final ConsistentRatio ratio;
  private final boolean keepErrors;
  private final TraceIdTable errors;
  private final TraceIdTable decisions;
  private final long waitNanos;
  private final long latencyNanos;
  private final Requirements always;
  private final int numTraces;
  private final int maxSpans;
  private final Duration tickInterval;
  private final LongSupplier clock;
  private final SamplingCounters counters;
  private final Counter earlyDecisions;
  private final Redelivery redelivery;
  /** Undecided traces, oldest first. */
  private final LinkedHashMap<PendingTrace.Key, PendingTrace> pending = new LinkedHashMap<>();
  private final List<PendingTrace> touched = new ArrayList<>();
  private final Triage triage = new Triage();
  private long requestNumber;
  private long round;
  private long now;
  /** Read by the gauges from the scrape thread: a stale value does no harm there. */
  private int heldSpans;
  private int heldTraces;

  private final Rewrites.SpanEdit classify = (resource, scope, span) -> {
    triage.note(classify(span));
    return span;
  };
  private final Rewrites.SpanEdit passing = (resource, scope, span) ->
      triage.next(Triage.PASS) ? span : null;
  private final Rewrites.SpanEdit holding = (resource, scope, span) ->
      triage.next(Triage.HOLD) ? span : null;
  private final Rewrites.SpanEdit keptThisRound = (resource, scope, span) ->
      keptThisRound(span.getTraceId()) ? span : null;

  TailSampler(SamplingConfig config, SharedTraces shared, SamplingCounters counters,
      Counter earlyDecisions, Redelivery redelivery, LongSupplier clock) {
    this.ratio = new ConsistentRatio(config.ratio());
    this.keepErrors = config.keepErrors();
    this.errors = shared.errors;
    this.decisions = shared.decisions;
    this.waitNanos = config.decisionWait().toNanos();
    this.latencyNanos = config.latencyThreshold().toNanos();
    this.always = new Requirements(config.alwaysKeepRequirements());
    this.numTraces = config.numTraces();
    this.maxSpans = config.maxSpans();
    this.tickInterval = ticks(config.decisionWait());
    this.counters = counters;
    this.earlyDecisions = earlyDecisions;
    this.redelivery = redelivery;
    this.clock = clock;
  }

  /** A tenth of the wait, between 10 ms and 1 s: how late past its wait a trace may be decided. */
  static Duration ticks(Duration wait) {
    Duration tenth = wait.dividedBy(10);
    return tenth.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10)
        : tenth.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : tenth;
  }

  @Override
  public void process(Message request, Ack ack, Downstream next) {
    ExportTraceServiceRequest traces = (ExportTraceServiceRequest) request;
    now = clock.getAsLong();
    requestNumber++;
    triage.start(OtlpRequests.spanCount(traces));
    Rewrites.spans(traces, classify);
    if (triage.held() > 0) {
      ExportTraceServiceRequest held = pick(traces, holding);
      for (PendingTrace trace : touched) {
        trace.requests.add(held);
      }
      touched.clear();
    }
    counters.publish();
    triage.answer(pick(traces, passing), ack, next);
    heldTraces = pending.size();
    if (pending.size() > numTraces || heldSpans > maxSpans) {
      decideOldestEarly(next);
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
    List<PendingTrace> due = new ArrayList<>();
    for (PendingTrace trace : pending.values()) {
      if (nanoTime - trace.firstNanos < waitNanos) {
        break;
      }
      due.add(trace);
    }
    release(due, next);
  }

  @Override
  public void flush(Downstream next) {
    now = clock.getAsLong();
    release(new ArrayList<>(pending.values()), next);
    redelivery.flush(next);
  }

  /** Spans held now, for the gauge. */
  int heldSpans() {
    return heldSpans;
  }

  /** Traces held now, for the gauge. */
  int heldTraces() {
    return heldTraces;
  }

  private ExportTraceServiceRequest pick(ExportTraceServiceRequest request, Rewrites.SpanEdit edit) {
    triage.rewind();
    return Rewrites.spans(request, edit);
  }

  private byte classify(Span span) {
    ByteString traceId = span.getTraceId();
    if (!TraceIds.valid(traceId)) {
      return pass(Policy.NO_TRACE_ID);
    }
    long decision = decisions.get(traceId, now);
    if (decision == TraceIdTable.MISSING) {
      hold(span, traceId);
      return Triage.HOLD;
    }
    if (SharedTraces.kept(decision)) {
      return pass(Policy.TRACE_KEPT);
    }
    if (keepErrors && ErrorRecords.isError(span)) {
      // The trace was dropped before its error came: keep what is still to come of it.
      decisions.put(traceId, SharedTraces.KEPT_LATE, now);
      errors.put(traceId, 0, now);
      return pass(Policy.ERRORS);
    }
    counters.dropped();
    return Triage.DROP;
  }

  private byte pass(Policy policy) {
    counters.kept(policy);
    return Triage.PASS;
  }

  private void hold(Span span, ByteString traceId) {
    PendingTrace.Key key = PendingTrace.Key.of(traceId);
    PendingTrace trace = pending.get(key);
    if (trace == null) {
      trace = new PendingTrace(key, traceId, now);
      pending.put(key, trace);
    }
    if (trace.add(span, always) && keepErrors) {
      // Lets this processor's logs pipeline know before the trace is decided.
      errors.put(traceId, 0, now);
    }
    if (trace.lastRequest != requestNumber) {
      trace.lastRequest = requestNumber;
      touched.add(trace);
    }
    heldSpans++;
  }

  private void decideOldestEarly(Downstream next) {
    List<PendingTrace> early = new ArrayList<>();
    int traces = pending.size();
    int spans = heldSpans;
    for (PendingTrace trace : pending.values()) {
      if (traces <= numTraces && spans <= maxSpans) {
        break;
      }
      early.add(trace);
      traces--;
      spans -= trace.spans;
    }
    earlyDecisions.add(early.size());
    release(early, next);
  }

  /**
   * Decides {@code traces} and hands on the kept ones' spans, merged into one request per round.
   * A round covers at most {@code num_traces} traces, so that the decisions table (twice as long)
   * still holds every decision of the round when the held requests are filtered by it.
   */
  private void release(List<PendingTrace> traces, Downstream next) {
    for (int from = 0; from < traces.size(); from += numTraces) {
      releaseRound(traces.subList(from, Math.min(traces.size(), from + numTraces)), next);
    }
    heldTraces = pending.size();
  }

  private void releaseRound(List<PendingTrace> traces, Downstream next) {
    round++;
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    Set<Message> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (PendingTrace trace : traces) {
      pending.remove(trace.key);
      heldSpans -= trace.spans;
      Policy policy = decide(trace);
      if (policy == null) {
        decisions.put(trace.traceId, SharedTraces.DROPPED, now);
        counters.dropped(trace.spans);
        continue;
      }
      decisions.put(trace.traceId, round, now);
      counters.kept(policy, trace.spans);
      for (ExportTraceServiceRequest request : trace.requests) {
        if (seen.add(request)) {
          requests.add(request);
        }
      }
    }
    counters.publish();
    if (requests.isEmpty()) {
      return;
    }
    List<Message> parts = new ArrayList<>(requests.size());
    for (ExportTraceServiceRequest request : requests) {
      parts.add(Rewrites.spans(request, keptThisRound));
    }
    redelivery.emit(RequestMerge.of(parts), next);
  }

  private boolean keptThisRound(ByteString traceId) {
    return decisions.get(traceId, now) == round;
  }

  private Policy decide(PendingTrace trace) {
    if (keepErrors && (trace.error || errors.contains(trace.traceId, now))) {
      return Policy.ERRORS;
    }
    if (latencyNanos > 0 && trace.durationNanos() > latencyNanos) {
      return Policy.LATENCY;
    }
    if (trace.requirement) {
      return Policy.REQUIREMENT;
    }
    return ratio.keeps(trace.traceId) ? Policy.RATIO : null;
  }
}
