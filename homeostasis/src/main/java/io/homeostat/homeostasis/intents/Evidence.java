package io.homeostat.homeostasis.intents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.homeostasis.alerting.AlertJson;
import io.homeostat.homeostasis.issues.IssueJson;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.ProductionIssue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an intent shows of its cause: the cause as the alert payload and the admin API show it,
 * kept as plain JSON values so that an intent read back from its saved state equals the one made.
 * Keys without a value are left out.
 */
final class Evidence {

  /** What the intent says itself (its requirement's intent, its own id) or is not yet known. */
  private static final List<String> NOT_ALERT_EVIDENCE =
      List.of("status", "ends_at", "traceability", "intent_id");

  private Evidence() {}

  /** The alert's numbers and exemplars: its {@code homeostat} payload, less its lifecycle. */
  static Map<String, Object> of(Alert alert) {
    ObjectNode payload;
    try {
      payload = (ObjectNode) IntentJson.JSON.readTree(AlertJson.render(alert));
    } catch (IOException e) {
      throw new UncheckedIOException("the alert payload is JSON", e);
    }
    payload.remove(NOT_ALERT_EVIDENCE);
    return plain(payload);
  }

  /** The issue's counts, sample traces and stack trace, as the admin API shows the issue. */
  static Map<String, Object> of(ProductionIssue issue) {
    return plain(IssueJson.node(issue));
  }

  private static Map<String, Object> plain(ObjectNode node) {
    List<String> empty = new ArrayList<>();
    node.fieldNames().forEachRemaining(name -> {
      if (node.get(name).isNull()) {
        empty.add(name);
      }
    });
    node.remove(empty);
    return IntentJson.canonical(node);
  }
}
