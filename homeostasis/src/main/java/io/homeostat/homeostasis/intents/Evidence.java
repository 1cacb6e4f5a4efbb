package io.homeostat.homeostasis.intents;

import io.homeostat.core.config.Durations;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Exemplar;
import io.homeostat.homeostasis.model.ProductionIssue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an intent shows of its cause, as JSON-ready values (strings, numbers, booleans, lists and
 * maps of them), so that an intent read back from its saved state equals the one made. Values
 * that are unknown (NaN, null) are left out.
 */
final class Evidence {

  private Evidence() {}

  /** The alert's numbers and exemplars. */
  static Map<String, Object> of(Alert alert) {
    Evaluation e = alert.evaluation();
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("alert_id", alert.alertId());
    evidence.put("target_name", e.key().target());
    evidence.put("metric", e.metric());
    evidence.put("target", e.target());
    evidence.put("operator", e.operator().configName());
    putNumber(evidence, "actual", e.actual());
    putNumber(evidence, "compliance", e.compliance());
    putNumber(evidence, "deviation_percent", e.deviationPercent());
    evidence.put("samples", e.samples());
    evidence.put("window", Durations.format(e.window()));
    if (e.alertThreshold() != null) {
      evidence.put("alert_threshold", e.alertThreshold());
    }
    if (e.errorBudgetRemaining() != null) {
      evidence.put("error_budget_remaining", e.errorBudgetRemaining());
    }
    if (e.noData()) {
      evidence.put("no_data", true);
    }
    evidence.put("severity", e.severity());
    evidence.put("starts_at", alert.startsAt().toString());
    evidence.put("exemplars", e.exemplars().stream().map(Evidence::exemplar).toList());
    return IntentJson.canonical(evidence);
  }

  /** The issue's counts, sample traces and stack trace. */
  static Map<String, Object> of(ProductionIssue issue) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("issue_id", issue.issueId());
    evidence.put("error_type", issue.errorType());
    evidence.put("error_message", issue.errorMessage());
    evidence.put("fingerprint", issue.fingerprint());
    evidence.put("severity", issue.severity());
    evidence.put("count", issue.count());
    evidence.put("traces", issue.traces());
    evidence.put("users", issue.users());
    evidence.put("first_seen", issue.firstSeen().toString());
    evidence.put("last_seen", issue.lastSeen().toString());
    evidence.put("sample_trace_ids", issue.sampleTraceIds());
    evidence.put("business_rules", issue.businessRules());
    if (issue.stackTrace() != null) {
      evidence.put("stack_trace", issue.stackTrace());
    }
    return IntentJson.canonical(evidence);
  }

  private static Map<String, Object> exemplar(Exemplar exemplar) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trace_id", exemplar.traceId());
    out.put("span_id", exemplar.spanId());
    putNumber(out, "value", exemplar.value());
    return out;
  }

  private static void putNumber(Map<String, Object> map, String key, double value) {
    if (!Double.isNaN(value) && !Double.isInfinite(value)) {
      map.put(key, value);
    }
  }
}
