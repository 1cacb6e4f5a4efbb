package io.homeostat.homeostasis.model;

import java.time.Instant;
import java.util.Map;

/**
 * New work for a requirement, made from an alert that fired or a new production issue; one per
 * cause while the cause is open.
 *
 * @param intentId {@code INT-FB-...}
 * @param source the alert id or issue id it came from
 * @param sourceKind {@code alert} or {@code issue}
 * @param priority {@code P0} for critical causes, else {@code P1}
 * @param parentIntent the requirement's intent in the catalog ({@code INT-*}), or null
 * @param evidence what the cause showed (the alert's numbers, the counts and traces)
 */
public record FeedbackIntent(
    String intentId,
    String source,
    String sourceKind,
    String requirement,
    String description,
    String priority,
    Instant createdAt,
    String parentIntent,
    Map<String, Object> evidence) {

  public FeedbackIntent {
    evidence = Map.copyOf(evidence);
  }
}
