package io.homeostat.homeostasis.issues;

import com.google.protobuf.ByteString;
import io.homeostat.homeostasis.model.ProductionIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** An open issue as the tracker keeps it: changed on the pipeline thread only. */
final class OpenIssue {

  /** Sample traces kept per issue. */
  static final int SAMPLES = 5;
  /** The longest message and stack trace kept, in chars. */
  static final int MAX_MESSAGE = 2_000;
  static final int MAX_STACK_TRACE = 16_000;

  static final String HIGH = "high";
  static final String CRITICAL = "critical";

  /** The state that outlives a restart. */
  record Saved(String issueId, String requirement, String errorType, String fingerprint,
      String errorMessage, String stackTrace, List<String> businessRules, Instant firstSeen,
      Instant lastSeen, long count, String severity, DistinctCount.Saved traces,
      DistinctCount.Saved users, List<String> sampleTraceIds, Instant burstStart, long burstCount) {}

  final String issueId;
  final IssueKey key;
  private final String errorMessage;
  private final List<String> businessRules;
  private final Instant firstSeen;
  private final DistinctCount traces;
  private final DistinctCount users;
  private final List<String> samples;
  private String stackTrace;
  private Instant lastSeen;
  private long count;
  private boolean critical;
  private Instant burstStart;
  private long burstCount;

  OpenIssue(String issueId, IssueKey key, String errorMessage, List<String> businessRules,
      Instant firstSeen) {
    this(issueId, key, cap(errorMessage, MAX_MESSAGE), businessRules, firstSeen,
        new DistinctCount(), new DistinctCount(), new ArrayList<>(SAMPLES));
    this.lastSeen = firstSeen;
    this.burstStart = firstSeen;
  }

  private OpenIssue(String issueId, IssueKey key, String errorMessage, List<String> businessRules,
      Instant firstSeen, DistinctCount traces, DistinctCount users, List<String> samples) {
    this.issueId = issueId;
    this.key = key;
    this.errorMessage = errorMessage;
    this.businessRules = List.copyOf(businessRules);
    this.firstSeen = firstSeen;
    this.traces = traces;
    this.users = users;
    this.samples = samples;
  }

  /**
   * Counts one occurrence at {@code now}. More than {@code burst} occurrences within
   * {@code burstWindow} make the issue critical (a {@code burst} of 0 never does).
   */
  void add(Occurrence occurrence, Instant now, long burst, Duration burstWindow) {
    count++;
    if (now.isAfter(lastSeen)) {
      lastSeen = now;
    }
    if (stackTrace == null && occurrence.stackTrace != null && !occurrence.stackTrace.isEmpty()) {
      stackTrace = cap(occurrence.stackTrace, MAX_STACK_TRACE);
    }
    ByteString traceId = occurrence.traceId;
    if (!traceId.isEmpty()) {
      traces.add(Hashes.of(traceId));
      if (samples.size() < SAMPLES) {
        String hex = HexFormat.of().formatHex(traceId.toByteArray());
        if (!samples.contains(hex)) {
          samples.add(hex);
        }
      }
    }
    if (occurrence.userId != null) {
      users.add(Hashes.of(occurrence.userId));
    }
    if (!now.isBefore(burstStart.plus(burstWindow))) {
      burstStart = now;
      burstCount = 0;
    }
    burstCount++;
    critical |= occurrence.critical || burst > 0 && burstCount > burst;
  }

  boolean expired(Instant now, Duration ttl) {
    return !now.isBefore(lastSeen.plus(ttl));
  }

  ProductionIssue snapshot() {
    return new ProductionIssue(issueId, key.requirement(), key.errorType(), key.fingerprint(),
        errorMessage, stackTrace, businessRules, firstSeen, lastSeen, count,
        critical ? CRITICAL : HIGH, traces.estimate(), users.estimate(), samples);
  }

  Saved save() {
    return new Saved(issueId, key.requirement(), key.errorType(), key.fingerprint(), errorMessage,
        stackTrace, businessRules, firstSeen, lastSeen, count, critical ? CRITICAL : HIGH,
        traces.save(), users.save(), List.copyOf(samples), burstStart, burstCount);
  }

  static OpenIssue restore(Saved saved) {
    List<String> samples = new ArrayList<>(SAMPLES);
    if (saved.sampleTraceIds() != null) {
      saved.sampleTraceIds().stream().limit(SAMPLES).forEach(samples::add);
    }
    OpenIssue issue = new OpenIssue(saved.issueId(),
        new IssueKey(saved.requirement(), saved.errorType(), saved.fingerprint()),
        saved.errorMessage(), saved.businessRules() == null ? List.of() : saved.businessRules(),
        saved.firstSeen(), DistinctCount.restore(saved.traces()),
        DistinctCount.restore(saved.users()), samples);
    issue.stackTrace = saved.stackTrace();
    issue.lastSeen = saved.lastSeen();
    issue.count = saved.count();
    issue.critical = CRITICAL.equals(saved.severity());
    issue.burstStart = saved.burstStart() != null ? saved.burstStart() : saved.lastSeen();
    issue.burstCount = saved.burstCount();
    return issue;
  }

  private static String cap(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
