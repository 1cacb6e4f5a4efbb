package io.homeostat.homeostasis.engine;

import com.google.protobuf.ByteString;
import io.homeostat.core.match.RecordMatcher;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.target.TargetSpec;
import io.homeostat.homeostasis.window.TimeWindow;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One target at work: it takes the records its source reads (after the requirement and
 * {@code match} filters), keeps them in its measure, and at each evaluation turns the measure's
 * reading into an {@link Evaluation} through its {@link AlertState}. Records arrive on the pipeline
 * thread, which also evaluates; only {@link #latest()} is read from other threads.
 */
abstract class Watch {

  /** Buckets across a target's window: a read covers the window to 1/20 of it. */
  static final int WINDOW_BUCKETS = 20;

  /** Takes spans. */
  interface OfSpans {
    void span(Resource resource, InstrumentationScope scope, Span span, long now);
  }

  /** Takes metrics (and goes through their points itself). */
  interface OfMetrics {
    void metric(Resource resource, InstrumentationScope scope, Metric metric, long now);
  }

  /** Takes log records. */
  interface OfLogs {
    void log(Resource resource, InstrumentationScope scope, LogRecord record, long now);
  }

  final TargetSpec spec;
  /** Null when the target has no {@code match}. */
  final RecordMatcher matcher;
  final AlertState alert = new AlertState();
  /** When the target started watching, nanoseconds since the epoch. */
  final long watchStart;
  private final Exemplars exemplars = new Exemplars();
  private final Counter late;
  private final Counter early;
  /** When a record of the target last arrived (engine clock, nanoseconds since the epoch). */
  private long lastData;
  private volatile Evaluation latest;

  Watch(TargetSpec spec, MetricRegistry metrics, long watchStart) {
    this.spec = spec;
    this.matcher = spec.match() == null ? null : RecordMatcher.compile(spec.match());
    this.watchStart = watchStart;
    this.lastData = watchStart;
    String[] labels = labels();
    this.late = metrics.counter("homeostat_homeostasis_late_records_total",
        "Records older than their target's window start minus the lateness: not counted.", labels);
    this.early = metrics.counter("homeostat_homeostasis_early_records_total",
        "Records further ahead of the clock than the lateness: not counted.", labels);
  }

  /** The target's measure; null while a metric target has seen no point to tell its kind. */
  abstract Measure measure();

  /** The labels of the target's self metrics. */
  final String[] labels() {
    return new String[] {"requirement", spec.requirement(), "target", spec.name()};
  }

  /**
   * The counter of metric points the target could not count for {@code reason}: {@code kind} (a
   * metric of another kind than the target reads) or {@code series_limit}.
   */
  final Counter droppedPoints(MetricRegistry metrics, String reason) {
    return metrics.counter("homeostat_homeostasis_dropped_points_total", "Metric points a target "
        + "could not count, by reason: kind (not the kind of metric the target reads, or a "
        + "summary), series_limit (a new series beyond max_series).", "requirement",
        spec.requirement(), "target", spec.name(), "reason", reason);
  }

  /**
   * The kind of measure the target chose, for a restart to choose the same: {@code ""} when its
   * source alone decides (then {@link #measure()} is made with the watch).
   */
  String measureKind() {
    return "";
  }

  /**
   * Makes the measure of {@code kind}, as {@link #measureKind()} named it before a restart; false
   * when the target cannot have that kind (its spec changed).
   */
  boolean restoreKind(String kind) {
    return kind.isEmpty();
  }

  /** When a record of the target last arrived (engine clock, nanoseconds since the epoch). */
  final long lastData() {
    return lastData;
  }

  /** Sets the no-data clock to {@code lastData}, as restored after a restart. */
  final void restoreLastData(long lastData) {
    this.lastData = lastData;
  }

  /** Forgets what the target's cumulative series no longer need; at each evaluation. */
  void expire(long now) {}

  /** A window of the target's length for its measure. */
  final TimeWindow window(boolean distribution) {
    return new TimeWindow(spec.window(), WINDOW_BUCKETS, spec.lateness(), distribution);
  }

  /** True when a record with these attributes counts for the target's requirement. */
  final boolean tagged(List<KeyValue> record, InstrumentationScope scope, Resource resource) {
    return !spec.requirementOnly() || ReqTags.names(
        ReqTags.of(record, scope.getAttributesList(), resource.getAttributesList()), spec.requirement());
  }

  /**
   * Notes that a record of the target arrived, and counts it when it fell outside the window;
   * returns true when it was counted in.
   */
  final boolean landed(int slot, long now) {
    lastData = now;
    if (slot == TimeWindow.LATE) {
      late.inc();
    } else if (slot == TimeWindow.EARLY) {
      early.inc();
    }
    return slot >= 0;
  }

  /** Notes a record of the target that adds nothing yet (a cumulative series' first point). */
  final void seen(long now) {
    lastData = now;
  }

  /** True when {@code value} misses the target's own value. */
  final boolean violates(double value) {
    return !Double.isNaN(spec.target()) && !spec.operator().holds(value, spec.target());
  }

  /** True when the target caps a count from above, so that each counted record is a violation. */
  final boolean capsFromAbove() {
    return spec.operator() == Operator.LT || spec.operator() == Operator.LTE;
  }

  final void exemplar(ByteString traceId, ByteString spanId, double value, long time) {
    exemplars.add(traceId, spanId, value, time);
  }

  /**
   * Keeps the OTLP exemplars of a point at {@code pointTime} (the time of those that carry none);
   * with {@code violatingOnly}, those whose value misses the target.
   */
  final void exemplars(List<Exemplar> list, long pointTime, boolean violatingOnly) {
    for (int i = 0; i < list.size(); i++) {
      Exemplar e = list.get(i);
      double value = e.hasAsDouble() ? e.getAsDouble() : e.getAsInt();
      if (!violatingOnly || violates(value)) {
        exemplars.add(e.getTraceId(), e.getSpanId(), value,
            e.getTimeUnixNano() != 0 ? e.getTimeUnixNano() : pointTime);
      }
    }
  }

  /** Evaluates the target at {@code now}: what the alert did, with the evaluation in {@link #latest()}. */
  final AlertState.Step evaluate(Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    expire(nanos);
    Measure measure = measure();
    Reading reading = measure != null ? measure.read(nanos) : new Reading(Double.NaN, Double.NaN, 0,
        false, false, false, spec.window(), null, null);
    boolean noData = spec.notifyNoData() != null && nanos - lastData >= spec.notifyNoData().toNanos();
    AlertState.Step step = alert.step(now, reading.verdict(), reading.condition(), reading.missed(),
        noData, spec.holdFor());
    latest = evaluation(now, nanos, reading, noData);
    return step;
  }

  /** The last evaluation, or null before the first. */
  final Evaluation latest() {
    return latest;
  }

  private Evaluation evaluation(Instant now, long nanos, Reading reading, boolean noData) {
    boolean slo = spec.slo() != null;
    double target = slo ? spec.slo().objective() : spec.target();
    Operator operator = slo ? Operator.GTE : spec.operator();
    double actual = reading.actual();
    double deviation = deviationPercent(actual, target);
    String severity = spec.severity() != null ? spec.severity()
        : reading.severity() != null ? reading.severity()
        : deviation > 20 ? "critical" : "warning";
    Duration window = reading.window();
    return new Evaluation(spec.key(), spec.measure(), target, operator,
        slo ? null : spec.alertThreshold(), actual, reading.compliance(), reading.samples(),
        deviation, severity, window, spec.description(), exemplars.since(nanos - window.toNanos()),
        alert.state(), now, reading.errorBudgetRemaining(), noData);
  }

  /**
   * {@code |actual - target| / |target| * 100}; for a target of 0, {@code |actual| * 100}, as if
   * measured against 1 (error rates and ratios are fractions).
   */
  static double deviationPercent(double actual, double target) {
    return target == 0 ? Math.abs(actual) * 100 : Math.abs(actual - target) / Math.abs(target) * 100;
  }
}
