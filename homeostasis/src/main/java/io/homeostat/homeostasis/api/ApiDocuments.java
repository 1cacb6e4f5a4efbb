package io.homeostat.homeostasis.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.core.config.Durations;
import io.homeostat.core.req.Catalog;
import io.homeostat.core.req.Requirement;
import io.homeostat.core.telemetry.MetricFamily;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.alerting.AlertJson;
import io.homeostat.homeostasis.intents.IntentJson;
import io.homeostat.homeostasis.issues.IssueJson;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.homeostat.homeostasis.model.ProductionIssue;
import io.homeostat.homeostasis.model.TargetState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The documents of the admin API's {@code /api/v1/...} endpoints (docs/homeostasis/api.md), built
 * on each request from what the homeostasis runtime holds at that moment: the catalog, the latest
 * evaluation of each target, the alerts, the open issues, the recent intents, and the
 * {@code homeostat_req_tagging_coverage} gauges. Nothing is cached; every supplier is read once
 * per document and must be safe to call from the admin server's thread.
 *
 * <p>Conventions: times are ISO-8601 UTC text, durations as in the config ({@code 5m}),
 * configured numbers as written ({@code 500}), measured numbers with a fraction ({@code 750.0}),
 * and null where there is no value (no data yet, a requirement the catalog does not describe).
 */
public final class ApiDocuments {

  /** The gauge the requirements processor reports tagging coverage in. */
  static final String COVERAGE = "homeostat_req_tagging_coverage";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Catalog> catalog;
  private final Supplier<List<Evaluation>> evaluations;
  private final Supplier<List<Alert>> alerts;
  private final Supplier<List<ProductionIssue>> issues;
  private final Supplier<List<FeedbackIntent>> intents;
  private final MetricRegistry metrics;

  /**
   * @param catalog the current catalog ({@link Catalog#EMPTY} without one)
   * @param evaluations the latest evaluation of every target
   * @param alerts the alerts to show: firing ones, and recently resolved ones if the source keeps
   *     them
   * @param issues the open production issues
   * @param intents the recent feedback intents, newest first
   * @param metrics where the tagging coverage gauges are read
   */
  public ApiDocuments(Supplier<Catalog> catalog, Supplier<List<Evaluation>> evaluations,
      Supplier<List<Alert>> alerts, Supplier<List<ProductionIssue>> issues,
      Supplier<List<FeedbackIntent>> intents, MetricRegistry metrics) {
    this.catalog = catalog;
    this.evaluations = evaluations;
    this.alerts = alerts;
    this.issues = issues;
    this.intents = intents;
    this.metrics = metrics;
  }

  /**
   * {@code GET /api/v1/requirements}: every requirement the catalog describes or a target,
   * alert or issue names, by id, and the tagging coverage per signal and service.
   */
  public ObjectNode requirements() {
    Snapshot now = snapshot();
    ObjectNode document = JSON.createObjectNode();
    ArrayNode list = document.putArray("requirements");
    now.ids().forEach(id -> list.add(requirement(id, now)));
    ArrayNode coverage = document.putArray("tagging_coverage");
    metrics.collect().stream().filter(family -> family.name().equals(COVERAGE))
        .flatMap(family -> family.samples().stream())
        .sorted(Comparator.comparing((MetricFamily.Sample s) -> label(s, "signal"))
            .thenComparing(s -> label(s, "service")))
        .forEach(sample -> {
          ObjectNode entry = coverage.addObject();
          entry.put("signal", label(sample, "signal"));
          entry.put("service", label(sample, "service"));
          number(entry, "coverage", sample.value());
        });
    return document;
  }

  /** {@code GET /api/v1/requirements/{id}}: one requirement, or empty when nothing names it. */
  public Optional<ObjectNode> requirement(String id) {
    Snapshot now = snapshot();
    return now.ids().contains(id) ? Optional.of(requirement(id, now)) : Optional.empty();
  }

  /** {@code GET /api/v1/alerts}: each alert as the {@code homeostat} webhook payload shows it. */
  public ObjectNode alerts() {
    ObjectNode document = JSON.createObjectNode();
    ArrayNode list = document.putArray("alerts");
    alerts.get().forEach(alert -> list.add(alert(alert)));
    return document;
  }

  /** {@code GET /api/v1/issues}: the open production issues, in the order they opened. */
  public ObjectNode issues() {
    ObjectNode document = JSON.createObjectNode();
    ArrayNode list = document.putArray("issues");
    issues.get().forEach(issue -> list.add(IssueJson.node(issue)));
    return document;
  }

  /** {@code GET /api/v1/intents}: the recent feedback intents, newest first. */
  public ObjectNode intents() {
    ObjectNode document = JSON.createObjectNode();
    ArrayNode list = document.putArray("intents");
    intents.get().forEach(intent -> list.add(IntentJson.node(intent)));
    return document;
  }

  /** {@code document} as compact UTF-8 JSON. */
  public static byte[] toBytes(JsonNode document) {
    try {
      return JSON.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("an API document cannot be written", e);
    }
  }

  /** A JSON error document, for answers such as 404. */
  public static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  /** Everything one document is built from, each supplier read once. */
  private record Snapshot(Catalog catalog, List<Evaluation> evaluations, List<Alert> alerts,
      List<ProductionIssue> issues) {

    TreeSet<String> ids() {
      TreeSet<String> ids = new TreeSet<>(catalog.requirements().keySet());
      evaluations.forEach(e -> ids.add(e.key().requirement()));
      alerts.forEach(a -> ids.add(a.evaluation().key().requirement()));
      issues.forEach(i -> ids.add(i.requirement()));
      return ids;
    }
  }

  private Snapshot snapshot() {
    Catalog current = catalog.get();
    return new Snapshot(current == null ? Catalog.EMPTY : current, evaluations.get(),
        alerts.get(), issues.get());
  }

  private static ObjectNode requirement(String id, Snapshot now) {
    Requirement known = now.catalog().requirement(id);
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("title", known == null ? null : known.title());
    node.put("intent", known == null ? null : known.intent());
    node.put("owner", known == null ? null : known.owner());
    node.put("in_catalog", known != null);
    List<Evaluation> targets = now.evaluations().stream()
        .filter(e -> e.key().requirement().equals(id))
        .sorted(Comparator.comparing(e -> e.key().target())).toList();
    node.put("state", targets.stream().map(Evaluation::state).max(Comparator.naturalOrder())
        .map(ApiDocuments::stateName).orElse(null));
    ArrayNode targetList = node.putArray("targets");
    targets.forEach(e -> targetList.add(target(e)));
    ArrayNode alertList = node.putArray("alerts");
    now.alerts().stream().filter(a -> a.firing() && a.evaluation().key().requirement().equals(id))
        .forEach(a -> alertList.add(alert(a)));
    ArrayNode issueList = node.putArray("issues");
    now.issues().stream().filter(i -> i.requirement().equals(id))
        .forEach(i -> issueList.add(IssueJson.node(i)));
    return node;
  }

  /** A target's latest evaluation. */
  private static ObjectNode target(Evaluation e) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", e.key().target());
    node.put("metric", e.metric());
    node.put("state", stateName(e.state()));
    number(node, "actual", e.actual());
    asWritten(node, "target", e.target());
    node.put("operator", e.operator().configName());
    if (e.alertThreshold() == null) {
      node.putNull("alert_threshold");
    } else {
      asWritten(node, "alert_threshold", e.alertThreshold());
    }
    number(node, "compliance", e.compliance());
    node.put("samples", e.samples());
    number(node, "deviation_percent", e.deviationPercent());
    node.put("severity", e.severity());
    node.put("window", e.window() == null ? null : Durations.format(e.window()));
    node.put("description", e.description());
    if (e.errorBudgetRemaining() == null) {
      node.putNull("error_budget_remaining");
    } else {
      number(node, "error_budget_remaining", e.errorBudgetRemaining());
    }
    node.put("no_data", e.noData());
    node.put("evaluated_at", e.evaluatedAt() == null ? null : e.evaluatedAt().toString());
    return node;
  }

  private static JsonNode alert(Alert alert) {
    try {
      return JSON.readTree(AlertJson.render(alert));
    } catch (IOException e) {
      throw new UncheckedIOException("the alert payload is JSON", e);
    }
  }

  private static String stateName(TargetState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  private static String label(MetricFamily.Sample sample, String name) {
    return sample.labels().getOrDefault(name, "");
  }

  /** A measured value, with its fraction; null when there is none. */
  private static void number(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }

  /** A configured value as a person writes it: {@code 500}, {@code 0.99}. */
  private static void asWritten(ObjectNode node, String key, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      node.put(key, (long) value);
    } else {
      number(node, key, value);
    }
  }
}
