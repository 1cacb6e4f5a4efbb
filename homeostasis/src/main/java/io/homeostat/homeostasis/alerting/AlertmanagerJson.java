package io.homeostat.homeostasis.alerting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.homeostat.core.config.Durations;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Exemplar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Alerts in Alertmanager's terms: labels that identify an alert, annotations that describe it,
 * and the two bodies built from them: the webhook payload (version 4) and the body of
 * {@code POST /api/v2/alerts} (protocols.md §6).
 *
 * <p>Labels are {@code alertname} (always {@value #ALERTNAME}, so that routes and inhibitions can
 * match every Homeostat alert by it; the target is its own label), {@code requirement},
 * {@code target} and {@code severity}. Alertmanager identifies an alert by its labels, so they are
 * fixed when an alert is first seen and kept for its whole life, even if a later evaluation names
 * another severity: otherwise the firing alert would never resolve.
 */
final class AlertmanagerJson {

  /** The {@code alertname} of every alert. */
  static final String ALERTNAME = "HomeostasisTargetMissed";
  /** What Alertmanager writes as the {@code endsAt} of a firing alert (Go's zero time). */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";
  /** The {@code receiver} of webhook payloads: the sender's name, as no route chose it. */
  static final String RECEIVER = "homeostat";

  private static final JsonFactory JSON = new JsonFactory();
  /** Prometheus's label-set hash: FNV-1a 64 over sorted names and values, 0xff between each. */
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final int SEPARATOR = 0xff;

  private AlertmanagerJson() {}

  /** An alert with the labels it was first seen with. */
  record Labeled(Alert alert, Map<String, String> labels) {

    /** The alert's labels now; kept from the first time it was seen when {@code earlier} is set. */
    static Labeled of(Alert alert, Labeled earlier) {
      return new Labeled(alert, earlier != null ? earlier.labels : AlertmanagerJson.labels(alert));
    }
  }

  static Map<String, String> labels(Alert alert) {
    Evaluation e = alert.evaluation();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alertname", ALERTNAME);
    labels.put("requirement", e.key().requirement());
    labels.put("target", e.key().target());
    put(labels, "severity", e.severity());
    return Collections.unmodifiableMap(labels);
  }

  /** What the alert says, as strings: a summary, the target's description, the numbers. */
  static Map<String, String> annotations(Alert alert) {
    Evaluation e = alert.evaluation();
    Map<String, String> a = new LinkedHashMap<>();
    a.put("summary", summary(alert));
    put(a, "description", e.description());
    a.put("alert_id", alert.alertId());
    a.put("metric", e.metric());
    a.put("operator", e.operator().configName());
    a.put("target", plain(e.target()));
    putNumber(a, "actual", e.actual());
    putNumber(a, "deviation_percent", e.deviationPercent());
    if (e.alertThreshold() != null) {
      putNumber(a, "alert_threshold", e.alertThreshold());
    }
    putNumber(a, "compliance", e.compliance());
    a.put("samples", Long.toString(e.samples()));
    put(a, "window", e.window() == null ? null : Durations.format(e.window()));
    if (e.errorBudgetRemaining() != null) {
      putNumber(a, "error_budget_remaining", e.errorBudgetRemaining());
    }
    if (e.noData()) {
      a.put("no_data", "true");
    }
    if (!e.exemplars().isEmpty()) {
      a.put("trace_ids", e.exemplars().stream().map(Exemplar::traceId)
          .collect(Collectors.joining(",")));
    }
    if (alert.traceability() != null) {
      put(a, "requirement_title", alert.traceability().title());
      put(a, "requirement_intent", alert.traceability().intent());
    }
    put(a, "intent_id", alert.intentId());
    return a;
  }

  /** One line for a pager: which requirement, what is measured, how far off. */
  static String summary(Alert alert) {
    Evaluation e = alert.evaluation();
    String title = alert.traceability() == null || alert.traceability().title() == null ? ""
        : " (" + alert.traceability().title() + ")";
    String what = e.noData() || !Double.isFinite(e.actual())
        ? e.metric() + " has no data"
        : e.metric() + " is " + plain(e.actual()) + ", target " + e.operator().symbol() + " "
            + plain(e.target())
            + (Double.isFinite(e.deviationPercent())
                ? " (" + plain(round(e.deviationPercent())) + "% off)" : "");
    return e.key().requirement() + title + ": " + what;
  }

  /** Alertmanager's fingerprint of a label set, as 16 hex digits. */
  static String fingerprint(Map<String, String> labels) {
    long hash = FNV_OFFSET;
    for (String name : labels.keySet().stream().sorted().toList()) {
      hash = add(add(hash, name), labels.get(name));
    }
    return String.format("%016x", hash);
  }

  private static long add(long hash, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return (hash ^ SEPARATOR) * FNV_PRIME;
  }

  /**
   * The webhook payload (version 4) for one notification of {@code requirement}'s group.
   *
   * @param externalUrl null when not configured
   */
  static byte[] webhook(String requirement, List<Labeled> alerts, String externalUrl) {
    List<Map<String, String>> annotations = new ArrayList<>(alerts.size());
    alerts.forEach(labeled -> annotations.add(annotations(labeled.alert())));
    boolean firing = alerts.stream().anyMatch(labeled -> labeled.alert().firing());
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("version", "4");
      json.writeStringField("groupKey", "{}:{requirement=\"" + requirement + "\"}");
      json.writeNumberField("truncatedAlerts", 0);
      json.writeStringField("status", firing ? "firing" : "resolved");
      json.writeStringField("receiver", RECEIVER);
      writeMap(json, "groupLabels", Map.of("requirement", requirement));
      writeMap(json, "commonLabels", common(alerts.stream().map(Labeled::labels).toList()));
      writeMap(json, "commonAnnotations", common(annotations));
      json.writeStringField("externalURL", externalUrl == null ? "" : base(externalUrl));
      json.writeArrayFieldStart("alerts");
      for (int i = 0; i < alerts.size(); i++) {
        Labeled labeled = alerts.get(i);
        Alert alert = labeled.alert();
        json.writeStartObject();
        json.writeStringField("status", alert.status());
        writeMap(json, "labels", labeled.labels());
        writeMap(json, "annotations", annotations.get(i));
        json.writeStringField("startsAt", alert.startsAt().toString());
        json.writeStringField("endsAt", alert.firing() ? ZERO_TIME : endsAt(alert).toString());
        json.writeStringField("generatorURL", generatorUrl(externalUrl, alert));
        json.writeStringField("fingerprint", fingerprint(labeled.labels()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  /**
   * The body of {@code POST /api/v2/alerts}.
   *
   * @param firingEndsAt the {@code endsAt} of firing alerts: a few resend intervals ahead, so that
   *     Alertmanager resolves them by itself if Homeostat stops sending, as Prometheus does
   */
  static byte[] push(List<Labeled> alerts, Instant firingEndsAt, String externalUrl) {
    return write(json -> {
      json.writeStartArray();
      for (Labeled labeled : alerts) {
        Alert alert = labeled.alert();
        json.writeStartObject();
        writeMap(json, "labels", labeled.labels());
        writeMap(json, "annotations", annotations(alert));
        json.writeStringField("startsAt", alert.startsAt().toString());
        json.writeStringField("endsAt",
            (alert.firing() ? firingEndsAt : endsAt(alert)).toString());
        if (externalUrl != null) {
          json.writeStringField("generatorURL", generatorUrl(externalUrl, alert));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    });
  }

  /** Where a person who gets the alert finds the requirement's live state: the admin API. */
  private static String generatorUrl(String externalUrl, Alert alert) {
    return externalUrl == null ? ""
        : base(externalUrl) + "/api/v1/requirements/" + alert.evaluation().key().requirement();
  }

  private static String base(String url) {
    String base = url.strip();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** A resolved alert's end; when its sender did not say, the time of its last evaluation. */
  private static Instant endsAt(Alert alert) {
    return alert.endsAt() != null ? alert.endsAt() : alert.evaluation().evaluatedAt();
  }

  /** The pairs every map holds with the same value, in the first map's order. */
  private static Map<String, String> common(List<Map<String, String>> maps) {
    Map<String, String> common = new LinkedHashMap<>(maps.isEmpty() ? Map.of() : maps.get(0));
    maps.forEach(map -> common.entrySet().removeIf(
        entry -> !entry.getValue().equals(map.get(entry.getKey()))));
    return common;
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static void putNumber(Map<String, String> map, String key, double value) {
    if (Double.isFinite(value)) {
      map.put(key, plain(value));
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /** {@code 750}, {@code 0.81}, {@code 0.0001}: no exponent, no trailing zeros. */
  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void writeMap(JsonGenerator json, String name, Map<String, String> map)
      throws IOException {
    json.writeObjectFieldStart(name);
    for (Map.Entry<String, String> entry : map.entrySet()) {
      json.writeStringField(entry.getKey(), entry.getValue());
    }
    json.writeEndObject();
  }

  private interface Body {
    void writeTo(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.writeTo(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
    return out.toByteArray();
  }
}
