package io.homeostat.homeostasis.model;

import java.time.Instant;
import java.util.List;

/**
 * Errors in production grouped by requirement, error type and a fingerprint of the message.
 *
 * @param severity {@code critical} or {@code high}
 * @param traces distinct traces affected
 * @param users distinct users affected ({@code enduser.id} / {@code user.id})
 * @param sampleTraceIds a few traces to look at
 */
public record ProductionIssue(
    String issueId,
    String requirement,
    String errorType,
    String fingerprint,
    String errorMessage,
    String stackTrace,
    List<String> businessRules,
    Instant firstSeen,
    Instant lastSeen,
    long count,
    String severity,
    long traces,
    long users,
    List<String> sampleTraceIds) {

  public ProductionIssue {
    businessRules = List.copyOf(businessRules);
    sampleTraceIds = List.copyOf(sampleTraceIds);
  }
}
