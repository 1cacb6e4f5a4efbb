package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.req.ReqKeys;
import io.homeostat.core.telemetry.Counter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Every series, and the counting of spans into them.
 *
 * <p>{@link #add} runs on the pipeline thread for every span, so it is built not to allocate for
 * a span of a series that exists: the series is found with a reused probe key holding the
 * strings and values the decoded span already has, and recorded into without locks (see
 * {@link Series}). The table is a {@link ConcurrentHashMap} so that the flush thread can walk it
 * while spans are added; only the pipeline thread adds and removes series, which keeps the
 * series count and the groups of resources single-threaded.
 *
 * <p>A span whose series is new when the table holds {@code limit} series is counted in one
 * overflow series instead, marked {@code otel.metric.overflow=true}. Series that expire are
 * handed over by the flush thread ({@link #retire}) and removed here at the next request, unless a
 * span came in meanwhile.
 */
final class SeriesTable {

  /** The overflow series' group: it belongs to no one resource. */
  private static final Group OVERFLOW_GROUP = new Group(Resource.getDefaultInstance(), List.of());

  private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
  private final Map<Resource, Group> groups = new HashMap<>();
  private final Queue<Series> retired = new ConcurrentLinkedQueue<>();
  private final Dimensions dimensions;
  private final SpanMetricsConfig.Unit unit;
  private final Supplier<DurationHistogram> histograms;
  private final boolean exemplars;
  private final int limit;
  private final long expirationMillis;
  private final Clock clock;
  private final Counter overflowSpans;
  private final Runnable limitReached;
  private final SeriesKey probe;
  private final RequirementKeys requirementKeys = new RequirementKeys();
  private int held;
  private volatile Series overflow;

  /**
   * @param histograms makes each new series' histogram; returns null when it is disabled
   * @param limitReached told each time a span goes to the overflow series
   */
  SeriesTable(SpanMetricsConfig config, Supplier<DurationHistogram> histograms, Clock clock,
      Counter overflowSpans, Runnable limitReached) {
    this.dimensions = new Dimensions(config);
    this.unit = config.histogram().unit();
    this.histograms = histograms;
    this.exemplars = config.exemplars().enabled();
    this.limit = config.aggregationCardinalityLimit();
    this.expirationMillis = config.metricsExpiration().toMillis();
    this.clock = clock;
    this.overflowSpans = overflowSpans;
    this.limitReached = limitReached;
    this.probe = new SeriesKey(dimensions.names().size());
  }

  /** Counts every span of {@code request}; pipeline thread only. */
  void add(ExportTraceServiceRequest request) {
    long now = clock.millis();
    removeRetired(now);
    List<ResourceSpans> resources = request.getResourceSpansList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceSpans resource = resources.get(r);
      Group group = groups.get(resource.getResource());
      if (group == null) {
        group = new Group(resource.getResource(), dimensions.names());
      }
      List<ScopeSpans> scopes = resource.getScopeSpansList();
      for (int s = 0; s < scopes.size(); s++) {
        List<Span> spans = scopes.get(s).getSpansList();
        for (int i = 0; i < spans.size(); i++) {
          add(group, spans.get(i), now);
        }
      }
    }
  }

  private void add(Group group, Span span, long now) {
    long nanos = span.getEndTimeUnixNano() - span.getStartTimeUnixNano();
    double duration = unit.of(Math.max(0, nanos));
    dimensions.fill(probe, group, span);
    AnyValue req = KeyValues.get(span.getAttributesList(), ReqKeys.KEY);
    List<String> keys = requirementKeys.of(req != null ? req : group.requirement);
    for (int k = 0; k < keys.size(); k++) {
      probe.requirement(keys.get(k));
      Series target = series.get(probe);
      if (target == null) {
        target = create(group);
      }
      target.record(duration, now);
      if (exemplars && !span.getTraceId().isEmpty()) {
        target.offerExemplar(span.getTraceId(), span.getSpanId(), duration,
            span.getEndTimeUnixNano());
      }
    }
  }

  private Series create(Group group) {
    if (limit > 0 && held >= limit) {
      overflowSpans.inc();
      limitReached.run();
      Series o = overflow;
      if (o == null) {
        o = new Series(probe.copy(), OVERFLOW_GROUP, List.of(Dimensions.OVERFLOW), nowNanos(),
            histograms.get());
        overflow = o;
      }
      return o;
    }
    SeriesKey key = probe.copy();
    Series created = new Series(key, group, dimensions.attributes(group, key), nowNanos(),
        histograms.get());
    series.put(key, created);
    held++;
    if (group.series++ == 0) {
      groups.put(group.resource, group);
    }
    return created;
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /**
   * Every series, the overflow series last; for the flush thread, which sees series added while it
   * walks them or not.
   */
  List<Series> all() {
    List<Series> all = new ArrayList<>(series.values());
    Series o = overflow;
    if (o != null) {
      all.add(o);
    }
    return all;
  }

  /** Series held, not counting the overflow series. */
  int size() {
    return series.size();
  }

  /**
   * True when {@code point} of {@code s} is older than the expiration: the flush thread leaves it
   * out and hands it over for removal. The overflow series never expires.
   */
  boolean expired(Series s, SeriesPoint point, long nowMillis) {
    return expirationMillis > 0 && s.group != OVERFLOW_GROUP
        && nowMillis - point.lastSeenMillis() >= expirationMillis;
  }

  /** Hands an expired series to the pipeline thread for removal; flush thread. */
  void retire(Series s) {
    if (!s.retiring) {
      s.retiring = true;
      retired.add(s);
    }
  }

  private void removeRetired(long now) {
    Series s;
    while ((s = retired.poll()) != null) {
      if (now - s.lastSeenMillis() >= expirationMillis && series.remove(s.key, s)) {
        held--;
        if (--s.group.series == 0) {
          groups.remove(s.group.resource, s.group);
        }
      } else {
        s.retiring = false;
      }
    }
  }
}
