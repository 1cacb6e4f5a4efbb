package io.homeostat.homeostasis.alerting;

import com.fasterxml.jackson.core.type.TypeReference;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.component.Lifecycle;
import io.homeostat.core.retry.RetryClock;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.alerting.AlertmanagerJson.Labeled;
import io.homeostat.homeostasis.alerting.Destination.Notification;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.AlertSink;
import io.homeostat.homeostasis.state.StateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to the webhooks and Alertmanagers of the {@code alerting:} section.
 *
 * <p><b>What callers do.</b> {@link #send} an alert when it starts firing and once more when it
 * resolves (with {@code endsAt}). Sending a firing alert again while it fires (say after each
 * evaluation) only refreshes what the next repeat, the next push and {@link #active} show. The
 * alert id is what ties the three together.
 *
 * <p><b>Webhooks.</b> The first alert of a requirement waits {@code group_wait} for others of the
 * same requirement; then they go out together: in the {@code alertmanager} format as one payload,
 * in the {@code homeostat} format as one POST per alert. A firing alert is notified again every
 * {@code repeat_interval} (joining its requirement's group if one is waiting); a resolved alert is
 * notified once. An alert that resolves before its firing went out is not notified at all, as in
 * Alertmanager: nobody heard of it.
 *
 * <p><b>Alertmanagers.</b> Alertmanager groups and repeats by itself, so alerts are pushed as they
 * change, and every firing alert is pushed again each {@code resend_interval} with an
 * {@code endsAt} four resend intervals ahead (as Prometheus does): if Homeostat stops, Alertmanager
 * resolves its alerts soon after by itself.
 *
 * <p><b>Threads.</b> {@link #send} never blocks: it hands the alert to the notifier's own thread,
 * which keeps all state (no locks) and wakes when the next group, repeat or resend is due. Each
 * destination posts from its own bounded queue on its own thread (see {@link Destination}), so a
 * slow receiver delays nobody else.
 *
 * <p><b>Restarts.</b> With a state directory, the alerts and when they were last notified are kept
 * in {@code alerting.json}: after a restart, an alert sent again is not notified again before its
 * repeat is due, and firing alerts keep being pushed to Alertmanager.
 */
public final class AlertNotifier implements AlertSink, Lifecycle {

  private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);
  /** How long a resolved alert stays in {@link #active}. */
  static final Duration RESOLVED_SHOWN = Duration.ofHours(1);
  /** Pushed firing alerts end this many resend intervals ahead unless pushed again. */
  static final int ENDS_AFTER_RESENDS = 4;
  /** How long {@link #close} gives pending notifications. */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  private static final String STATE_NAME = "alerting";

  private final AlertingConfig config;
  private final Clock clock;
  private final List<Webhook> webhooks = new ArrayList<>();
  private final List<Push> pushes = new ArrayList<>();
  private final StateFile<List<Saved>> stateFile;
  private final ScheduledThreadPoolExecutor executor;
  private final RateLimitedLog problems = new RateLimitedLog(log, LOG_INTERVAL);
  private final AtomicBoolean shutDown = new AtomicBoolean();

  // State below is touched by the notifier's thread only.
  /** Alerts firing, and resolved ones whose notification is still to go out, by alert id. */
  private final Map<String, Tracked> alerts = new LinkedHashMap<>();
  /** When each requirement's waiting group goes out. */
  private final Map<String, Instant> groups = new LinkedHashMap<>();
  /** Resolved alerts shown by {@link #active}, by alert id, oldest first. */
  private final Map<String, Resolved> resolved = new LinkedHashMap<>();
  private ScheduledFuture<?> wake;
  private Instant wakeAt;

  private volatile List<Alert> active = List.of();

  /**
   * @param metrics where the notification counters go
   * @param clock what grouping, repeats and resends are timed by
   * @param stateDir where the notifier remembers alerts across restarts; null to remember nothing
   */
  public AlertNotifier(AlertingConfig config, MetricRegistry metrics, Clock clock, Path stateDir) {
    this(config, metrics, clock, stateDir, RetryClock.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /** With the retry waits and their spread chosen, so that tests need not wait. */
  AlertNotifier(AlertingConfig config, MetricRegistry metrics, Clock clock, Path stateDir,
      RetryClock timer, DoubleSupplier random) {
    this.config = config;
    this.clock = clock;
    for (int i = 0; i < config.webhooks().size(); i++) {
      WebhookConfig webhook = config.webhooks().get(i);
      webhooks.add(new Webhook(webhook.format(), new Destination("webhooks[" + i + "]",
          webhook.format().configName(), HttpTarget.parseUrl(webhook.url()), webhook,
          webhook.hmacSecret(), metrics, timer, random, clock)));
    }
    Instant now = clock.instant();
    for (int i = 0; i < config.alertmanager().size(); i++) {
      AlertmanagerConfig alertmanager = config.alertmanager().get(i);
      pushes.add(new Push(alertmanager, new Destination("alertmanager[" + i + "]",
          "alertmanager_api", alertmanager.alertsUrl(), alertmanager, null, metrics, timer, random,
          clock), now.plus(alertmanager.resendInterval())));
    }
    this.stateFile = stateDir == null ? null
        : StateFile.of(stateDir, STATE_NAME, new TypeReference<List<Saved>>() { });
    this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "alerting-notifier");
      thread.setDaemon(true);
      return thread;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Restores the saved alerts and starts the destinations' threads. */
  @Override
  public void start() {
    webhooks.forEach(webhook -> webhook.destination.start());
    pushes.forEach(push -> push.destination.start());
    executor.execute(guarded(this::restore));
  }

  /** Never blocks: the alert is handled on the notifier's thread. */
  @Override
  public void send(Alert alert) {
    try {
      executor.execute(guarded(() -> accept(alert)));
    } catch (RejectedExecutionException e) {
      problems.warn("stopped", "alert " + alert.alertId() + " (" + alert.status() + ") of "
          + alert.evaluation().key() + " came after the notifier stopped and is not sent", null);
    }
  }

  /** Alerts firing and resolved in the last hour, oldest first; readable from any thread. */
  public List<Alert> active() {
    return active;
  }

  /** Delivers what is pending within {@link #CLOSE_TIMEOUT} (10 seconds), then stops. */
  @Override
  public void close() {
    shutdown(Deadline.in(CLOSE_TIMEOUT));
  }

  /**
   * Sends the groups still waiting at once, lets each destination deliver what it holds until
   * {@code deadline}, then stops.
   */
  @Override
  public void shutdown(Deadline deadline) {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    Future<?> flushed = executor.submit(guarded(this::flushAll));
    executor.shutdown();
    try {
      flushed.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
      executor.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.atWarn().addKeyValue("error", String.valueOf(e))
          .log("the alert notifier could not send its waiting groups before the shutdown deadline");
    }
    executor.shutdownNow();
    webhooks.forEach(webhook -> webhook.destination.shutdown(deadline));
    pushes.forEach(push -> push.destination.shutdown(deadline));
  }

  /**
   * Runs what is due now, on the notifier's thread, and returns once it ran: for tests that move
   * a fake clock.
   */
  void runDue() throws InterruptedException, ExecutionException {
    executor.submit(guarded(() -> process(clock.instant()))).get();
  }

  // ---- on the notifier's thread ----

  private void accept(Alert alert) {
    Instant now = clock.instant();
    if (resolved.containsKey(alert.alertId())) {
      return; // told already; an id is never reused, so this is a late duplicate
    }
    Tracked tracked = alerts.get(alert.alertId());
    boolean isNew = tracked == null;
    boolean wasFiring = !isNew && tracked.labeled.alert().firing();
    if (isNew) {
      tracked = new Tracked(Labeled.of(alert, null));
      alerts.put(alert.alertId(), tracked);
    } else {
      tracked.labeled = Labeled.of(alert, tracked.labeled);
    }
    if (alert.firing()) {
      if (!wasFiring) {
        changed(tracked, now);
      }
    } else if (wasFiring && tracked.notifiedAt == null) {
      // It resolved before its firing went out: nobody heard of it, so nobody hears of this.
      alerts.remove(alert.alertId());
      resolved.put(alert.alertId(), new Resolved(alert, now));
      pushAll(List.of(tracked.labeled), now);
      save();
    } else if (wasFiring || isNew) {
      // Unknown until now (sent before a restart that kept no state): told, to be safe.
      changed(tracked, now);
    }
    process(now);
  }

  /** An alert that started firing or resolved: pushed at once, grouped for the webhooks. */
  private void changed(Tracked tracked, Instant now) {
    pushAll(List.of(tracked.labeled), now);
    if (webhooks.isEmpty()) {
      tracked.notifiedAt = now;
      retireIfResolved(tracked, now);
    } else {
      due(tracked, now.plus(config.groupWait()));
    }
    save();
  }

  private void due(Tracked tracked, Instant sendAt) {
    tracked.due = true;
    groups.putIfAbsent(tracked.requirement(), sendAt);
  }

  private void process(Instant now) {
    for (Tracked tracked : alerts.values()) {
      if (!tracked.due && tracked.notifiedAt != null && tracked.labeled.alert().firing()
          && !now.isBefore(tracked.notifiedAt.plus(config.repeatInterval()))) {
        due(tracked, now);
      }
    }
    List<String> ready = groups.entrySet().stream().filter(group -> !now.isBefore(group.getValue()))
        .map(Map.Entry::getKey).toList();
    ready.forEach(requirement -> notifyGroup(requirement, now));
    for (Push push : pushes) {
      if (!now.isBefore(push.resendAt)) {
        List<Labeled> firing = alerts.values().stream().map(tracked -> tracked.labeled)
            .filter(labeled -> labeled.alert().firing()).toList();
        if (!firing.isEmpty()) {
          push(push, firing, now);
        }
        push.resendAt = now.plus(push.config.resendInterval());
      }
    }
    resolved.values().removeIf(entry -> !now.isBefore(entry.at.plus(RESOLVED_SHOWN)));
    if (!ready.isEmpty()) {
      save();
    }
    snapshot();
    scheduleWake(now);
  }

  /** Sends the due alerts of {@code requirement}'s group to every webhook. */
  private void notifyGroup(String requirement, Instant now) {
    groups.remove(requirement);
    List<Tracked> group = alerts.values().stream()
        .filter(tracked -> tracked.due && tracked.requirement().equals(requirement)).toList();
    if (group.isEmpty()) {
      return;
    }
    List<Labeled> labeled = group.stream().map(tracked -> tracked.labeled).toList();
    for (Webhook webhook : webhooks) {
      if (webhook.format == WebhookFormat.ALERTMANAGER) {
        webhook.destination.offer(new Notification(
            AlertmanagerJson.webhook(requirement, labeled, config.externalUrl()),
            labeled.size() + (labeled.size() == 1 ? " alert" : " alerts") + " of " + requirement));
      } else {
        labeled.forEach(one -> webhook.destination.offer(new Notification(
            AlertJson.render(one.alert()), describe(one.alert()))));
      }
    }
    for (Tracked tracked : group) {
      tracked.due = false;
      tracked.notifiedAt = now;
      retireIfResolved(tracked, now);
    }
  }

  private void retireIfResolved(Tracked tracked, Instant now) {
    if (!tracked.labeled.alert().firing()) {
      alerts.remove(tracked.labeled.alert().alertId());
      resolved.put(tracked.labeled.alert().alertId(), new Resolved(tracked.labeled.alert(), now));
    }
  }

  private void pushAll(List<Labeled> labeled, Instant now) {
    pushes.forEach(push -> push(push, labeled, now));
  }

  private void push(Push push, List<Labeled> labeled, Instant now) {
    Instant endsAt = now.plus(push.config.resendInterval().multipliedBy(ENDS_AFTER_RESENDS));
    push.destination.offer(new Notification(
        AlertmanagerJson.push(labeled, endsAt, config.externalUrl()),
        labeled.size() == 1 ? describe(labeled.get(0).alert()) : labeled.size() + " alerts"));
  }

  private static String describe(Alert alert) {
    return "alert " + alert.alertId() + " of " + alert.evaluation().key() + ", " + alert.status();
  }

  private void flushAll() {
    Instant now = clock.instant();
    List.copyOf(groups.keySet()).forEach(requirement -> notifyGroup(requirement, now));
    save();
    snapshot();
  }

  private void snapshot() {
    List<Alert> now = new ArrayList<>(alerts.size() + resolved.size());
    alerts.values().forEach(tracked -> now.add(tracked.labeled.alert()));
    resolved.values().forEach(entry -> now.add(entry.alert));
    now.sort(Comparator.comparing(Alert::startsAt));
    active = List.copyOf(now);
  }

  /** Wakes the thread when the next group, repeat, resend or expiry is due. */
  private void scheduleWake(Instant now) {
    Instant next = null;
    for (Instant sendAt : groups.values()) {
      next = earlier(next, sendAt);
    }
    boolean firing = false;
    for (Tracked tracked : alerts.values()) {
      if (tracked.labeled.alert().firing()) {
        firing = true;
        if (!tracked.due && tracked.notifiedAt != null) {
          next = earlier(next, tracked.notifiedAt.plus(config.repeatInterval()));
        }
      }
    }
    if (firing) {
      for (Push push : pushes) {
        next = earlier(next, push.resendAt);
      }
    }
    if (!resolved.isEmpty()) {
      next = earlier(next, resolved.values().iterator().next().at.plus(RESOLVED_SHOWN));
    }
    if (next == null || executor.isShutdown() || wake != null && !wake.isDone() && !next.isBefore(wakeAt)) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    long delay = Math.max(0, Duration.between(now, next).toNanos());
    wakeAt = next;
    wake = executor.schedule(guarded(() -> process(clock.instant())), delay, TimeUnit.NANOSECONDS);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private void save() {
    if (stateFile == null) {
      return;
    }
    List<Saved> saved = alerts.values().stream().map(tracked -> new Saved(
        tracked.labeled.alert(), tracked.labeled.labels(), tracked.notifiedAt, tracked.due))
        .toList();
    try {
      stateFile.save(saved);
    } catch (IOException | RuntimeException e) {
      problems.warn("save", "cannot save the firing alerts to " + stateFile.path()
          + ": after a restart they may be notified again; check that the data directory is "
          + "writable and has space", e);
    }
  }

  private void restore() {
    if (stateFile == null) {
      return;
    }
    Instant now = clock.instant();
    for (Saved saved : stateFile.load().orElse(List.of())) {
      Tracked tracked = new Tracked(new Labeled(saved.alert, saved.labels));
      tracked.notifiedAt = saved.notifiedAt;
      alerts.put(saved.alert.alertId(), tracked);
      if (saved.due) {
        due(tracked, now.plus(config.groupWait()));
      }
    }
    if (!alerts.isEmpty()) {
      log.atInfo().addKeyValue("alerts", alerts.size()).addKeyValue("file", stateFile.path())
          .log("restored the alerts that were firing before the restart");
    }
    process(now);
  }

  /** Keeps the notifier's thread alive through a bug in one task, and reports it. */
  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        problems.warn("bug", "the alert notifier failed unexpectedly (a bug: please report it)",
            e);
      }
    };
  }

  private record Webhook(WebhookFormat format, Destination destination) {}

  private static final class Push {
    final AlertmanagerConfig config;
    final Destination destination;
    Instant resendAt;

    Push(AlertmanagerConfig config, Destination destination, Instant resendAt) {
      this.config = config;
      this.destination = destination;
      this.resendAt = resendAt;
    }
  }

  /** An alert the notifier follows. */
  private static final class Tracked {
    Labeled labeled;
    /** When the webhooks were last told; null when never. */
    Instant notifiedAt;
    /** Waiting in its requirement's group to go out. */
    boolean due;

    Tracked(Labeled labeled) {
      this.labeled = labeled;
    }

    String requirement() {
      return labeled.alert().evaluation().key().requirement();
    }
  }

  private record Resolved(Alert alert, Instant at) {}

  /** What {@code alerting.json} holds per alert. */
  record Saved(Alert alert, Map<String, String> labels, Instant notifiedAt, boolean due) {}
}
