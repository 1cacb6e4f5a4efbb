package io.homeostat.processor.requirements;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.requirements.RequirementsConfig.OnMissing;
import io.homeostat.processor.support.Redelivery;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The requirements processor of a traces or logs pipeline.
 *
 * <p>First the catalog's global tags go on its service's resources ({@link GlobalTags}).
 * <p>Each request is read once, record by record, into a {@link Batch}: a record keeps the valid
 * keys it carries (aliases folded), or gets them from the rules, the catalog's rules or recorded
 * baggage. Spans that leave with keys are recorded in the shared {@link TraceKeys} right away,
 * so that their children in the same request can take them. What is still without keys then
 * looks at its trace: a span takes its parent's keys, a log record its span's, when those are
 * known; a record whose ancestor has not arrived is held (see {@link Holding}). Only then is the
 * request rewritten, once, copy on write: a request whose records all carry valid keys (and whose
 * resources lack no global tag) passes as the same instance, and deciding that allocates nothing.
 *
 * <p>Held records are taken out of their request, which goes on with the client's ack; they are
 * acknowledged with it and handed on later, grouped in requests of their own, through
 * {@link Redelivery}. With {@code on_missing: reject} nothing is held: the trace is asked only
 * for what is already known, and a request with a record left without keys is refused as a
 * whole.
 */
final class TracedProcessor<R extends Message> implements Processor {

  private final TracedShape<R> shape;
  private final Tagger tagger;
  /** Null when trace inheritance is off. */
  private final TraceKeys traceKeys;
  /** Null when nothing is ever held. */
  private final Holding<R> holding;
  private final Redelivery redelivery;
  private final Batch<R> batch;
  private final Duration tick;
  private final LongSupplier clock;

  TracedProcessor(TracedShape<R> shape, Tagger tagger, TraceKeys traceKeys, Coverage coverage,
      Redelivery redelivery, Duration wait, int maxHeld, LongSupplier clock) {
    this.shape = shape;
    this.tagger = tagger;
    this.traceKeys = traceKeys;
    this.redelivery = redelivery;
    this.batch = new Batch<>(coverage, shape.signal());
    this.clock = clock;
    this.tick = tickFor(wait);
    boolean holds = traceKeys != null && !wait.isZero() && tagger.onMissing != OnMissing.REJECT;
    this.holding = holds ? new Holding<>(traceKeys, wait.toNanos(), tick.toNanos(), maxHeld) : null;
    if (traceKeys != null && shape.signal() == Signal.TRACES) {
      traceKeys.spansArrive();
    }
  }

  /** A tenth of the wait, between 10 ms and 100 ms: held records leave at most this early. */
  static Duration tickFor(Duration wait) {
    Duration tenth = wait.dividedBy(10);
    Duration atLeast = tenth.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : tenth;
    return atLeast.compareTo(Duration.ofMillis(100)) > 0 ? Duration.ofMillis(100) : atLeast;
  }

  @Override
  public void start() throws Exception {
    tagger.start();
  }

  @Override
  public void shutdown(Deadline deadline) {
    tagger.stop(deadline);
  }

  @Override
  public void process(Message received, Ack ack, Downstream next) {
    CatalogView view = tagger.view();
    Message request = view.globalTags.applyTo(received);
    long now = clock.getAsLong();
    String refusal = null;
    Message out;
    try {
      refusal = decide(request, now, view);
      out = refusal != null ? null : finish(now) ? shape.rewrite(request, batch) : request;
    } finally {
      batch.clear();
    }
    Handoff.pass(request, out, out != null && shape.isEmpty(out), refusal, ack, next);
    if (refusal == null) {
      release(now, next);
    }
  }

  @Override
  public Duration tickInterval() {
    return holding == null ? Duration.ZERO : tick;
  }

  @Override
  public void onTick(long nanoTime, Downstream next) {
    if (holding != null) {
      redelivery.retry(next);
      tagger.view();
      release(nanoTime, next);
    }
  }

  @Override
  public void flush(Downstream next) {
    if (holding != null) {
      long now = clock.getAsLong();
      tagger.view();
      holding.releaseAll(now);
      release(now, next);
      redelivery.flush(next);
    }
  }

  /** Records held now; for tests. */
  int held() {
    return holding == null ? 0 : holding.waiting();
  }

  /**
   * Reads the request into the batch and decides every record: its keys, held, or missing.
   * Returns the answer refusing the request when {@code on_missing: reject} applies, else null.
   */
  private String decide(Message request, long now, CatalogView view) {
    shape.collect(request, batch);
    int pending = 0;
    for (int i = 0; i < batch.size; i++) {
      if (decide(i, view)) {
        recordOwn(i, batch.keys[i], now);
      } else {
        pending++;
      }
    }
    if (pending > 0 && traceKeys != null) {
      inherit(now);
    }
    boolean holds = holding != null
        && (shape.signal() == Signal.TRACES || traceKeys.spansDoArrive());
    int missing = 0;
    int first = -1;
    for (int i = 0; i < batch.size; i++) {
      if (batch.states[i] == Batch.PENDING) {
        if (holds) {
          batch.states[i] = Batch.HELD;
          continue;
        }
        batch.states[i] = Batch.MISSING;
        recordOwn(i, null, now);
      }
      if (batch.states[i] == Batch.MISSING) {
        missing++;
        first = first < 0 ? i : first;
      }
    }
    if (missing == 0 || tagger.onMissing != OnMissing.REJECT) {
      return null;
    }
    return tagger.rejection(shape.describe(batch.record(first)), batch.services[first],
        batch.invalid[first], missing, batch.size);
  }

  /** Decides record {@code i} from what it carries, the rules and baggage; false when it cannot. */
  private boolean decide(int i, CatalogView view) {
    R record = batch.record(i);
    List<KeyValue> attributes = shape.attributes(record);
    if (tagger.own(batch, i, attributes)) {
      return true;
    }
    AnyValue keys = shape.ruleKeys(tagger.rules, batch.resources[i], batch.scopes[i], record);
    if (keys != null) {
      batch.decide(i, keys, Source.RULE);
      return true;
    }
    keys = shape.ruleKeys(view.rules, batch.resources[i], batch.scopes[i], record);
    if (keys != null) {
      batch.decide(i, keys, Source.CATALOG_RULE);
      return true;
    }
    return tagger.baggage(batch, i, attributes);
  }

  /**
   * Gives pending records the keys of their ancestor where it is known. Sweeps from the end, as
   * SDKs export children before their parents, and again while a sweep decides something, so
   * that chains within the request resolve whatever their order.
   */
  private void inherit(long now) {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = batch.size - 1; i >= 0; i--) {
        if (batch.states[i] != Batch.PENDING) {
          continue;
        }
        R record = batch.record(i);
        ByteString traceId = shape.traceId(record);
        long high = SpanIds.traceHigh(traceId);
        long low = SpanIds.traceLow(traceId);
        long awaited = SpanIds.span(shape.awaitedSpan(record));
        Object known = null;
        if (awaited != 0 && (high | low) != 0) {
          known = traceKeys.keys(high, low, awaited, now);
          if (known == null) {
            continue;
          }
        }
        AnyValue keys = known == null || known == TraceKeys.NONE ? null : (AnyValue) known;
        if (keys == null) {
          batch.states[i] = Batch.MISSING;
        } else {
          batch.decide(i, keys, Source.TRACE);
        }
        recordOwn(i, keys, now);
        progress = true;
      }
    }
  }

  /**
   * Applies {@code on_missing}, holds what waits, counts, and works out each record's attributes.
   * Returns true when the request must be rewritten.
   */
  private boolean finish(long now) {
    boolean changed = false;
    for (int i = 0; i < batch.size; i++) {
      if (batch.states[i] == Batch.HELD) {
        hold(i, now);
        changed = true;
        continue;
      }
      List<KeyValue> attributes = shape.attributes(batch.record(i));
      List<KeyValue> edited = tagger.settle(batch, i, attributes);
      if (edited != attributes) {
        batch.edited[i] = edited;
        changed = true;
      }
    }
    tagger.flushCounts();
    return changed;
  }

  private void hold(int i, long now) {
    R record = batch.record(i);
    ByteString traceId = shape.traceId(record);
    holding.hold(new Held<>(holding, batch, i, SpanIds.traceHigh(traceId),
        SpanIds.traceLow(traceId), SpanIds.span(shape.awaitedSpan(record)),
        SpanIds.span(shape.ownSpan(record)), now), now);
  }

  /** Hands on the held records that left, in one request, after letting go those out of time. */
  private void release(long now, Downstream next) {
    if (holding == null) {
      return;
    }
    holding.expire(now);
    if (!holding.hasReady()) {
      return;
    }
    Groups<R> groups = new Groups<>();
    for (Held<R> held : holding.takeReady()) {
      List<KeyValue> attributes = shape.attributes(held.record);
      List<KeyValue> edited = tagger.settle(held, attributes);
      if (edited != null) {
        groups.add(held, edited == attributes ? held.record : shape.withAttributes(held.record, edited));
      }
    }
    tagger.flushCounts();
    if (!groups.isEmpty()) {
      redelivery.emit(shape.assemble(groups), next);
    }
  }

  /** Remembers the keys span {@code i} leaves with (null: none), for its children and logs. */
  private void recordOwn(int i, AnyValue keys, long now) {
    if (traceKeys == null) {
      return;
    }
    R record = batch.record(i);
    long own = SpanIds.span(shape.ownSpan(record));
    ByteString traceId = shape.traceId(record);
    long high = SpanIds.traceHigh(traceId);
    long low = SpanIds.traceLow(traceId);
    if (own != 0 && (high | low) != 0) {
      traceKeys.record(high, low, own, keys, now);
    }
  }
}
