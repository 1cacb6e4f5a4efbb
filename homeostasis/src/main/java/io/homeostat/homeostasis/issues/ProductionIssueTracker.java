package io.homeostat.homeostasis.issues;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.intents.FeedbackConfig;
import io.homeostat.homeostasis.model.IssueListener;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.RecordObserver;
import io.homeostat.homeostasis.state.DailyIds;
import io.homeostat.homeostasis.state.StateFile;
import io.homeostat.homeostasis.state.StateSaver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/**
 * Groups the errors of production into issues (DESIGN.md, "Production issues and feedback
 * intents"): spans with status ERROR or an {@code exception} event, and log records at ERROR or
 * above, that carry a requirement. Occurrences with the same requirement, error type and message
 * fingerprint ({@link Fingerprints}) are one issue, which counts them, the distinct traces and
 * users they touched ({@link DistinctCount}), and keeps a few sample traces, the first stack
 * trace, and the requirement's business rules from the catalog. A record with several
 * requirements counts in an issue of each.
 *
 * <p>An issue is {@code critical} once one of its occurrences is a FATAL log record, an exception
 * that escaped a SERVER span (its event says {@code exception.escaped=true}), or once more than
 * {@code critical_burst} occurrences came within {@code critical_burst_window}; otherwise
 * {@code high}. It closes after {@code issue_ttl} without an occurrence; the same error later
 * opens a new issue with a new id.
 *
 * <p>Threads: {@link #observe} and {@link #expire} run on the pipeline thread and share the open
 * issues without locks; a record without an error costs a status or severity check. The listener
 * is called on that thread. {@link #issues()} may be called from any thread: it returns the open
 * issues with their counts as of the last {@link #expire} (the tick), and those opened since with
 * their first occurrence, so that a reader never sees an issue half-updated. Open issues are saved under the data directory ({@code issues.json}) at most once a
 * second, on a thread of their own, and restored when a tracker starts over the same directory.
 */
public final class ProductionIssueTracker implements RecordObserver, AutoCloseable {

  /** Prefix of issue ids: {@code ISS-20261121-0001}. */
  static final String ID_PREFIX = "ISS-";
  /** The shortest time between two saves of the open issues. */
  static final Duration SAVE_INTERVAL = Duration.ofSeconds(1);

  /** What {@code issues.json} holds. */
  record SavedIssues(DailyIds.Position ids, List<OpenIssue.Saved> open) {}

  private final FeedbackConfig config;
  private final Function<String, Requirement> requirements;
  private final IssueListener listener;
  private final MetricRegistry metrics;
  private final Clock clock;
  private final DailyIds ids;
  private final StateSaver<SavedIssues> saver;
  private final RateLimitedLog log =
      new RateLimitedLog(LoggerFactory.getLogger(ProductionIssueTracker.class), Duration.ofMinutes(1));
  private final Occurrence occurrence = new Occurrence();
  private final Map<IssueKey, OpenIssue> open = new LinkedHashMap<>();
  private final Map<String, Counter> occurrences = new HashMap<>();
  private final Counter untracked;
  private volatile List<ProductionIssue> snapshot;
  private boolean changed;
  private Instant savedAt = Instant.MIN;

  /**
   * Starts a tracker with the issues saved under {@code dataDir}, if any.
   *
   * @param requirements the catalog's requirement of a key, or null when it knows none
   * @param listener told when an issue opens and closes, on the pipeline thread
   */
  public ProductionIssueTracker(FeedbackConfig config, Function<String, Requirement> requirements,
      IssueListener listener, MetricRegistry metrics, Path dataDir, Clock clock) {
    this.config = config;
    this.requirements = requirements;
    this.listener = listener;
    this.metrics = metrics;
    this.clock = clock;
    StateFile<SavedIssues> file = StateFile.of(dataDir, "issues", SavedIssues.class);
    SavedIssues saved = file.load().orElse(new SavedIssues(DailyIds.Position.START, List.of()));
    this.ids = new DailyIds(ID_PREFIX, saved.ids() != null ? saved.ids() : DailyIds.Position.START);
    if (saved.open() != null) {
      saved.open().forEach(s -> {
        OpenIssue issue = OpenIssue.restore(s);
        open.put(issue.key, issue);
      });
    }
    this.saver = new StateSaver<>(file);
    this.untracked = metrics.counter("homeostat_issue_occurrences_untracked_total",
        "Error occurrences not tracked because feedback.max_open_issues issues were open.");
    publish();
    metrics.gauge("homeostat_issues_open", "Production issues open.", () -> snapshot.size());
  }

  @Override
  public void observe(Signal signal, Message request) {
    if (request instanceof ExportTraceServiceRequest traces) {
      observeSpans(traces);
    } else if (request instanceof ExportLogsServiceRequest logs) {
      observeLogs(logs);
    }
  }

  private void observeSpans(ExportTraceServiceRequest request) {
    for (int r = 0; r < request.getResourceSpansCount(); r++) {
      ResourceSpans resource = request.getResourceSpans(r);
      for (int s = 0; s < resource.getScopeSpansCount(); s++) {
        ScopeSpans scope = resource.getScopeSpans(s);
        for (int i = 0; i < scope.getSpansCount(); i++) {
          Span span = scope.getSpans(i);
          if (occurrence.readSpan(span)) {
            record();
          }
        }
      }
    }
  }

  private void observeLogs(ExportLogsServiceRequest request) {
    for (int r = 0; r < request.getResourceLogsCount(); r++) {
      ResourceLogs resource = request.getResourceLogs(r);
      for (int s = 0; s < resource.getScopeLogsCount(); s++) {
        ScopeLogs scope = resource.getScopeLogs(s);
        for (int i = 0; i < scope.getLogRecordsCount(); i++) {
          LogRecord record = scope.getLogRecords(i);
          if (occurrence.readLog(record)) {
            record();
          }
        }
      }
    }
  }

  /** Counts the occurrence just read in the issue of each of its requirements. */
  private void record() {
    Instant now = clock.instant();
    String fingerprint = Fingerprints.of(occurrence.message);
    for (int i = 0; i < occurrence.requirements.size(); i++) {
      String requirement = occurrence.requirements.get(i);
      IssueKey key = new IssueKey(requirement, occurrence.errorType, fingerprint);
      OpenIssue issue = open.get(key);
      boolean opened = issue == null;
      if (opened) {
        if (open.size() >= config.maxOpenIssues()) {
          untracked.inc();
          log.warn("max-open-issues", "errors of a new kind are not tracked: "
              + config.maxOpenIssues() + " issues are open; raise feedback.max_open_issues, or "
              + "look at the open issues (GET /api/v1/issues)", null);
          continue;
        }
        issue = new OpenIssue(ids.next(now), key, occurrence.message, businessRules(requirement), now);
        open.put(key, issue);
      }
      issue.add(occurrence, now, config.criticalBurst(), config.criticalBurstWindow());
      occurrences.computeIfAbsent(requirement, r -> metrics.counter(
          "homeostat_issue_occurrences_total", "Error occurrences grouped into production issues.",
          "requirement", r)).inc();
      changed = true;
      if (opened) {
        ProductionIssue first = issue.snapshot();
        publishOpened(first);
        tell(() -> listener.opened(first), "opened");
      }
    }
  }

  private List<String> businessRules(String requirement) {
    Requirement known = requirements.apply(requirement);
    return known == null ? List.of() : known.businessRules();
  }

  /**
   * The tick: closes the issues that saw no occurrence for {@code issue_ttl} before {@code now},
   * refreshes the snapshot {@link #issues()} returns, and saves the open issues when they changed
   * (at most once a second). Call it on the pipeline thread.
   */
  public void expire(Instant now) {
    List<ProductionIssue> closed = new ArrayList<>();
    for (Iterator<OpenIssue> it = open.values().iterator(); it.hasNext(); ) {
      OpenIssue issue = it.next();
      if (issue.expired(now, config.issueTtl())) {
        it.remove();
        closed.add(issue.snapshot());
        changed = true;
      }
    }
    publish();
    closed.forEach(issue -> tell(() -> listener.closed(issue), "closed"));
    if (changed && !now.isBefore(savedAt.plus(SAVE_INTERVAL))) {
      saver.submit(state());
      changed = false;
      savedAt = now;
    }
  }

  /**
   * The open issues in the order they opened, counted as of the last tick (see the class
   * comment); safe to call from any thread.
   */
  public List<ProductionIssue> issues() {
    return snapshot;
  }

  /**
   * Saves the open issues as they are and stops the saving thread. Call it once the pipeline
   * thread has stopped calling {@link #observe}.
   */
  @Override
  public void close() {
    if (changed) {
      saver.submit(state());
      changed = false;
    }
    saver.close();
  }

  private SavedIssues state() {
    List<OpenIssue.Saved> saved = new ArrayList<>(open.size());
    open.values().forEach(issue -> saved.add(issue.save()));
    return new SavedIssues(ids.position(), saved);
  }

  private void publish() {
    List<ProductionIssue> issues = new ArrayList<>(open.size());
    open.values().forEach(issue -> issues.add(issue.snapshot()));
    snapshot = List.copyOf(issues);
  }

  /**
   * Adds a new issue to the snapshot without taking the others again, so that many kinds of
   * error opening at once cost a list copy each, not a snapshot of every open issue each.
   */
  private void publishOpened(ProductionIssue issue) {
    List<ProductionIssue> issues = new ArrayList<>(snapshot.size() + 1);
    issues.addAll(snapshot);
    issues.add(issue);
    snapshot = List.copyOf(issues);
  }

  /** Calls the listener; one that throws is logged, and tracking goes on. */
  private void tell(Runnable call, String event) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("listener-" + event, "the issue listener failed on an issue " + event
          + "; tracking goes on (see the error for the cause)", e);
    }
  }
}
