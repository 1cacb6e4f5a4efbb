package io.homeostat.homeostasis.intents;

import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.TargetKey;
import io.homeostat.homeostasis.state.DailyIds;
import io.homeostat.homeostasis.state.StateFile;
import io.homeostat.homeostasis.state.StateSaver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns what needs work into feedback intents (DESIGN.md, "Production issues and feedback
 * intents"): an alert that fires, and a production issue that opens, each make one intent, and
 * asking again while the cause is open returns the same intent. An intent goes to the sinks of
 * {@code feedback.intents} (a JSON-lines file, webhooks) on a delivery thread, and is kept among
 * the recent intents the admin API lists.
 *
 * <p>Which causes already have an intent, the id sequence and the recent intents are saved under
 * the data directory ({@code intents.json}) after each change, on a thread of their own, and
 * restored when a new instance starts over the same directory: a restart neither makes a second
 * intent for a cause that is still open nor forgets the intents made.
 *
 * <p>Calls are cheap and never wait for a sink; they may come from any thread.
 */
public final class FeedbackIntents implements AutoCloseable {

  /** Prefix of intent ids: {@code INT-FB-20261121-0001}. */
  static final String ID_PREFIX = "INT-FB-";

  /** An open alert's key and its intent, as saved. */
  record AlertIntent(TargetKey key, FeedbackIntent intent) {}

  /** What {@code intents.json} holds; {@code recent} newest first. */
  record SavedIntents(DailyIds.Position ids, List<AlertIntent> alerts,
      List<FeedbackIntent> issues, List<FeedbackIntent> recent) {}

  private final Function<String, Requirement> requirements;
  private final MetricRegistry metrics;
  private final Clock clock;
  private final int recentLimit;
  private final DailyIds ids;
  private final StateSaver<SavedIntents> saver;
  private final IntentDelivery delivery;
  private final Map<TargetKey, FeedbackIntent> byAlert = new LinkedHashMap<>();
  private final Map<String, FeedbackIntent> byIssue = new LinkedHashMap<>();
  private final Deque<FeedbackIntent> recent = new ArrayDeque<>();
  private volatile List<FeedbackIntent> recentSnapshot;

  /**
   * Starts with what was saved under {@code dataDir}, if anything.
   *
   * @param requirements the catalog's requirement of a key (for the parent intent), or null
   * @param configDir where a relative {@code feedback.intents.file} starts
   */
  public FeedbackIntents(FeedbackConfig config, Function<String, Requirement> requirements,
      Path configDir, Path dataDir, MetricRegistry metrics, Clock clock) {
    this.requirements = requirements;
    this.metrics = metrics;
    this.clock = clock;
    this.recentLimit = config.intents().recent();
    StateFile<SavedIntents> file = StateFile.of(dataDir, "intents", SavedIntents.class);
    SavedIntents saved = file.load()
        .orElse(new SavedIntents(DailyIds.Position.START, List.of(), List.of(), List.of()));
    this.ids = new DailyIds(ID_PREFIX, saved.ids() != null ? saved.ids() : DailyIds.Position.START);
    orEmpty(saved.alerts()).forEach(a -> byAlert.put(a.key(), a.intent()));
    orEmpty(saved.issues()).forEach(intent -> byIssue.put(intent.source(), intent));
    orEmpty(saved.recent()).stream().limit(recentLimit).forEach(recent::addLast);
    this.recentSnapshot = List.copyOf(recent);
    this.saver = new StateSaver<>(file);
    this.delivery = IntentDelivery.start(config.intents(), configDir, metrics, clock);
    for (String priority : List.of("P0", "P1")) {
      counter(priority);
    }
  }

  /**
   * The intent of a firing alert: made at the first call for the alert's (requirement, target),
   * the same one at each later call until {@link #alertResolved} for that key.
   */
  public synchronized FeedbackIntent forAlert(Alert alert) {
    TargetKey key = alert.evaluation().key();
    FeedbackIntent known = byAlert.get(key);
    if (known != null) {
      return known;
    }
    Requirement requirement = alert.traceability() != null ? alert.traceability()
        : requirements.apply(key.requirement());
    FeedbackIntent intent = new FeedbackIntent(ids.next(clock.instant()), alert.alertId(), "alert",
        key.requirement(), Descriptions.of(alert.evaluation()),
        priority(alert.evaluation().severity()), clock.instant(), parentIntent(requirement),
        Evidence.of(alert));
    byAlert.put(key, intent);
    made(intent);
    return intent;
  }

  /** The alert of {@code key} resolved: its next firing makes a new intent. */
  public synchronized void alertResolved(TargetKey key) {
    if (byAlert.remove(key) != null) {
      save();
    }
  }

  /** The intent of an open issue: made at the first call, the same one until {@link #issueClosed}. */
  public synchronized FeedbackIntent forIssue(ProductionIssue issue) {
    FeedbackIntent known = byIssue.get(issue.issueId());
    if (known != null) {
      return known;
    }
    FeedbackIntent intent = new FeedbackIntent(ids.next(clock.instant()), issue.issueId(), "issue",
        issue.requirement(), Descriptions.of(issue), priority(issue.severity()), clock.instant(),
        parentIntent(requirements.apply(issue.requirement())), Evidence.of(issue));
    byIssue.put(issue.issueId(), intent);
    made(intent);
    return intent;
  }

  /** The issue closed; forgets its intent. */
  public synchronized void issueClosed(String issueId) {
    if (byIssue.remove(issueId) != null) {
      save();
    }
  }

  /** The newest intents, newest first, at most {@code feedback.intents.recent}; from any thread. */
  public List<FeedbackIntent> recent() {
    return recentSnapshot;
  }

  /** Delivers what is under way (at most {@code timeout}), saves the state and stops. */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    delivery.close(deadline);
    saver.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void made(FeedbackIntent intent) {
    recent.addFirst(intent);
    while (recent.size() > recentLimit) {
      recent.removeLast();
    }
    recentSnapshot = List.copyOf(recent);
    counter(intent.priority()).inc();
    save();
    delivery.submit(intent);
  }

  private void save() {
    List<AlertIntent> alerts = new ArrayList<>(byAlert.size());
    byAlert.forEach((key, intent) -> alerts.add(new AlertIntent(key, intent)));
    saver.submit(new SavedIntents(ids.position(), alerts, List.copyOf(byIssue.values()),
        recentSnapshot));
  }

  private Counter counter(String priority) {
    return metrics.counter("homeostat_intents_total", "Feedback intents made, by priority.",
        "priority", priority);
  }

  /** {@code P0} for a critical cause, else {@code P1}. */
  private static String priority(String severity) {
    return "critical".equals(severity) ? "P0" : "P1";
  }

  private static String parentIntent(Requirement requirement) {
    return requirement == null ? null : requirement.intent();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
