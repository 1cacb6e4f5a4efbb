package io.homeostat.homeostasis.engine;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.model.AlertListener;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.RecordObserver;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.model.TargetState;
import io.homeostat.homeostasis.target.Source;
import io.homeostat.homeostasis.target.TargetSpec;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every target: records come in through {@link #observe} and land in each target's sliding
 * window; {@link #evaluate} judges every target and tells the {@link AlertListener} when one fires,
 * is still firing, or resolves. Both run on the pipeline thread, one call at a time, so the windows
 * need no locks; {@link #evaluations()} can be read from any thread.
 *
 * <p>The targets that are not OK are saved under the state directory after every change (on a
 * thread of its own) and taken up again at start: a target that was firing stays firing without
 * paging again, and resolves as usual. Every target's windows are saved when the engine closes and
 * taken up by the next one, for the targets whose spec is unchanged ({@link WindowStore}).
 *
 * <p>{@link #replace} takes a new set of targets (a catalog that changed) without a restart: an
 * unchanged target keeps its window, a changed one starts a new window but keeps its alert, and a
 * removed one that was firing resolves.
 *
 * <p>Self metrics, per target ({@code requirement}, {@code target} labels):
 * {@code homeostat_homeostasis_status} (0 ok, 1 deviating, 2 firing),
 * {@code homeostat_homeostasis_actual}, {@code homeostat_homeostasis_error_budget_remaining} (SLO
 * mode), {@code homeostat_homeostasis_late_records_total},
 * {@code homeostat_homeostasis_early_records_total},
 * {@code homeostat_homeostasis_dropped_points_total{reason}}.
 */
public final class HomeostasisEngine implements RecordObserver, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HomeostasisEngine.class);

  /** Replaced whole by {@link #replace} on the pipeline thread; read by {@link #targets()}. */
  private volatile List<Watch> watches;
  private Routes routes;
  private final AlertListener listener;
  private final Clock clock;
  private final MetricRegistry metrics;
  private final StateStore store;
  private final WindowStore windows;
  private final RateLimitedLog log = new RateLimitedLog(LOG, Duration.ofSeconds(10));
  private final Counter listenerFailures;
  private List<SavedTarget> saved;
  private volatile List<Evaluation> evaluations = List.of();

  /**
   * @param targets every target, with unique keys (as {@link io.homeostat.homeostasis.config.TargetSpecs} makes them)
   * @param listener told when targets fire, are still firing and resolve, on the pipeline thread
   * @param stateDir where the state that outlives a restart is kept (the data directory)
   * @param clock the time records are judged against and windows slide by
   */
  public HomeostasisEngine(List<TargetSpec> targets, AlertListener listener, Path stateDir,
      MetricRegistry metrics, Clock clock) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = clock;
    this.metrics = metrics;
    this.listenerFailures = metrics.counter("homeostat_homeostasis_listener_failures_total",
        "Alert notifications whose listener threw; each one is a bug to report.");
    Counter saveFailures = metrics.counter("homeostat_homeostasis_state_save_failures_total",
        "Saves of the homeostasis targets' state that failed; see the log for why.");
    this.store = new StateStore(stateDir, log, saveFailures);
    this.windows = new WindowStore(stateDir, saveFailures);
    Instant start = clock.instant();
    long watchStart = nanos(start);
    requireUniqueKeys(targets);
    this.watches = targets.stream().map(spec -> watch(spec, watchStart)).toList();
    this.routes = new Routes(watches);
    Map<TargetKey, SavedTarget> restored = store.load();
    WindowStore.Saved savedWindows = windows.load();
    for (Watch watch : watches) {
      WindowStore.restore(watch, savedWindows, watchStart);
      SavedTarget state = restored.get(watch.spec.key());
      if (state != null) {
        watch.alert.restore(state.state(), state.since(), state.startsAt(), start, watch.spec.window());
      }
      registerGauges(watch);
    }
    // What the file holds: the first evaluation saves over it if targets were dropped since.
    this.saved = List.copyOf(restored.values());
  }

  private static void requireUniqueKeys(List<TargetSpec> targets) {
    Set<TargetKey> keys = new HashSet<>();
    for (TargetSpec spec : targets) {
      if (!keys.add(spec.key())) {
        throw new IllegalArgumentException("two targets are keyed " + spec.key()
            + ": each (requirement, target) has one alert");
      }
    }
  }

  /**
   * Watches {@code targets} from now on instead of the current ones. A target written as before
   * (wherever in its file) keeps its watch and window. A changed one gets a new window, and keeps
   * its alert's state, as after a restart: a firing alert stays firing, without paging again. A
   * target that is gone resolves if it was firing, so that nobody is left with an alert that never
   * ends. Pipeline thread only.
   *
   * @return how many targets were added, changed and removed
   */
  public Replaced replace(List<TargetSpec> targets) {
    requireUniqueKeys(targets);
    Instant now = clock.instant();
    Map<TargetKey, Watch> previous = new LinkedHashMap<>();
    watches.forEach(watch -> previous.put(watch.spec.key(), watch));
    List<Watch> next = new ArrayList<>(targets.size());
    int added = 0;
    int changed = 0;
    for (TargetSpec spec : targets) {
      Watch old = previous.remove(spec.key());
      if (old != null && old.spec.sameTargetAs(spec)) {
        next.add(old);
        continue;
      }
      Watch made = watch(spec, nanos(now));
      if (old == null) {
        added++;
      } else {
        changed++;
        made.alert.restore(old.alert.state(), old.alert.conditionSince(), old.alert.startsAt(),
            now, spec.window());
      }
      registerGauges(made);
      next.add(made);
    }
    for (Watch gone : previous.values()) {
      if (gone.alert.state() == TargetState.FIRING && gone.latest() != null) {
        tell(AlertState.Step.RESOLVED, gone, now);
      }
      removeGauges(gone);
    }
    watches = List.copyOf(next);
    routes = new Routes(watches);
    return new Replaced(added, changed, previous.size());
  }

  /** What {@link #replace} did. */
  public record Replaced(int added, int changed, int removed) {}

  private Watch watch(TargetSpec spec, long watchStart) {
    Source source = spec.source();
    if (source instanceof Source.Span) {
      return new SpanDurationWatch(spec, metrics, watchStart);
    }
    if (source instanceof Source.ErrorRate) {
      return new ErrorRateWatch(spec, metrics, watchStart);
    }
    if (source instanceof Source.Logs) {
      return new LogWatch(spec, metrics, watchStart);
    }
    if (source instanceof Source.Ratio) {
      return new RatioWatch(spec, metrics, watchStart, log);
    }
    return new MetricWatch(spec, metrics, watchStart, log);
  }

  private void registerGauges(Watch watch) {
    String[] labels = watch.labels();
    metrics.gauge("homeostat_homeostasis_status", "Where each target stands: 0 ok, 1 deviating, 2 firing.",
        () -> watch.latest() == null ? 0 : watch.latest().state().code(), labels);
    metrics.gauge("homeostat_homeostasis_actual", "Each target's measured value at its last evaluation.",
        () -> watch.latest() == null ? Double.NaN : watch.latest().actual(), labels);
    if (watch.spec.slo() != null) {
      metrics.gauge("homeostat_homeostasis_error_budget_remaining",
          "The share of the SLO period's error budget left (negative when overspent).",
          () -> watch.latest() == null ? 1 : watch.latest().errorBudgetRemaining(), labels);
    }
  }

  /** Feeds every target that reads {@code request}'s records. Pipeline thread only. */
  @Override
  public void observe(Signal signal, Message request) {
    long now = clock.millis() * 1_000_000L;
    switch (signal) {
      case TRACES -> routes.traces((ExportTraceServiceRequest) request, now);
      case METRICS -> routes.metrics((ExportMetricsServiceRequest) request, now);
      case LOGS -> routes.logs((ExportLogsServiceRequest) request, now);
    }
  }

  /**
   * Evaluates every target at {@code now}, tells the listener what fired, is still firing or
   * resolved, and saves the targets' states if any changed. Pipeline thread only.
   */
  public void evaluate(Instant now) {
    List<Evaluation> results = new ArrayList<>(watches.size());
    for (Watch watch : watches) {
      AlertState.Step step = watch.evaluate(now);
      Evaluation evaluation = watch.latest();
      results.add(evaluation);
      tell(step, watch, now);
    }
    evaluations = List.copyOf(results);
    List<SavedTarget> state = savedState();
    if (!state.equals(saved)) {
      saved = state;
      store.save(state);
    }
  }

  private void tell(AlertState.Step step, Watch watch, Instant now) {
    Evaluation evaluation = watch.latest();
    Instant startsAt = watch.alert.startsAt();
    try {
      switch (step) {
        case FIRED -> listener.firing(evaluation, startsAt);
        case STILL_FIRING -> listener.stillFiring(evaluation, startsAt);
        case RESOLVED -> listener.resolved(evaluation, startsAt, now);
        case NONE -> { }
      }
    } catch (RuntimeException e) {
      listenerFailures.inc();
      log.warn("listener", "the alert listener failed on " + step + " of " + watch.spec.key()
          + "; the engine goes on: this is a bug, report it with the error", e);
    }
  }

  /** The latest evaluation of every target, in config order; empty before the first. Any thread. */
  public List<Evaluation> evaluations() {
    return evaluations;
  }

  /** The targets, in config order. */
  public List<TargetSpec> targets() {
    return watches.stream().map(watch -> watch.spec).toList();
  }

  /**
   * Saves what is pending and every target's windows, and removes the targets' gauges. Pipeline
   * thread, or once it has stopped.
   */
  @Override
  public void close() {
    store.close();
    windows.save(watches, nanos(clock.instant()));
    watches.forEach(this::removeGauges);
  }

  private void removeGauges(Watch watch) {
    String[] labels = watch.labels();
    metrics.removeGauge("homeostat_homeostasis_status", labels);
    metrics.removeGauge("homeostat_homeostasis_actual", labels);
    metrics.removeGauge("homeostat_homeostasis_error_budget_remaining", labels);
  }

  private List<SavedTarget> savedState() {
    List<SavedTarget> state = new ArrayList<>();
    for (Watch watch : watches) {
      TargetState current = watch.alert.state();
      if (current != TargetState.OK) {
        state.add(new SavedTarget(watch.spec.requirement(), watch.spec.name(), current,
            watch.alert.conditionSince(),
            current == TargetState.FIRING ? watch.alert.startsAt() : null));
      }
    }
    return List.copyOf(state);
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
