package io.homeostat.homeostasis.model;

import io.homeostat.core.req.Requirement;
import java.time.Instant;

/**
 * One alert as it goes out: a target's evaluation, when it started (and ended), what the catalog
 * says of its requirement, and the feedback intent it produced. Notifiers render it in their
 * formats (DESIGN.md's {@code homeostat} payload, Alertmanager's).
 *
 * @param alertId stable for the alert's whole life (firing, repeats, resolved)
 * @param status {@code firing} or {@code resolved}
 * @param endsAt null while firing
 * @param traceability the requirement from the catalog, or null when the catalog does not know it
 * @param intentId the feedback intent made when it fired, or null
 */
public record Alert(String alertId, String status, Evaluation evaluation, Instant startsAt,
    Instant endsAt, Requirement traceability, String intentId) {

  public boolean firing() {
    return "firing".equals(status);
  }
}
