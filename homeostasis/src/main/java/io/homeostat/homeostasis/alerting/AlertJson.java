package io.homeostat.homeostasis.alerting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.homeostat.core.config.Durations;
import io.homeostat.core.req.Requirement;
import io.homeostat.homeostasis.model.Alert;
import io.homeostat.homeostasis.model.Evaluation;
import io.homeostat.homeostasis.model.Exemplar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * An alert as DESIGN.md's "Alert (format homeostat)" object: the same keys in the same order,
 * numbers as JSON numbers ({@code target} as written, so 500 stays 500), {@code ends_at} null while
 * firing, and null where there is no value (no data yet, no compliance for single values, a
 * requirement the catalog does not know). Two keys join {@code context} only when they apply:
 * {@code error_budget_remaining} for SLO targets and {@code no_data: true} when the target's
 * telemetry stopped.
 *
 * <p>The webhooks of format {@code homeostat} post this object; the admin API can answer with it.
 */
public final class AlertJson {

  private static final JsonFactory JSON = new JsonFactory();

  private AlertJson() {}

  /** The alert as one JSON object, UTF-8. */
  public static byte[] render(Alert alert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      write(alert, json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
    return out.toByteArray();
  }

  /** Writes the alert as one JSON object to {@code json}, for callers that write a list. */
  public static void write(Alert alert, JsonGenerator json) throws IOException {
    Evaluation e = alert.evaluation();
    json.writeStartObject();
    json.writeStringField("alert_id", alert.alertId());
    json.writeStringField("status", alert.status());
    json.writeStringField("requirement", e.key().requirement());
    json.writeStringField("metric", e.metric());
    json.writeFieldName("target");
    writeAsWritten(json, e.target());
    json.writeStringField("operator", e.operator().configName());
    json.writeFieldName("actual");
    writeNumber(json, e.actual());
    json.writeFieldName("deviation_percent");
    writeNumber(json, e.deviationPercent());
    json.writeStringField("severity", e.severity());
    json.writeStringField("window", e.window() == null ? null : Durations.format(e.window()));
    writeInstant(json, "starts_at", alert.startsAt());
    writeInstant(json, "ends_at", alert.endsAt());
    writeContext(json, e);
    writeTraceability(json, alert.traceability());
    json.writeArrayFieldStart("exemplars");
    for (Exemplar exemplar : e.exemplars()) {
      json.writeStartObject();
      json.writeStringField("trace_id", exemplar.traceId());
      json.writeStringField("span_id", exemplar.spanId());
      json.writeFieldName("value");
      writeNumber(json, exemplar.value());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("intent_id", alert.intentId());
    json.writeEndObject();
  }

  private static void writeContext(JsonGenerator json, Evaluation e) throws IOException {
    json.writeObjectFieldStart("context");
    json.writeFieldName("alert_threshold");
    if (e.alertThreshold() == null) {
      json.writeNull();
    } else {
      writeNumber(json, e.alertThreshold());
    }
    json.writeFieldName("compliance");
    writeNumber(json, e.compliance());
    json.writeNumberField("samples", e.samples());
    json.writeStringField("description", e.description());
    if (e.errorBudgetRemaining() != null) {
      json.writeFieldName("error_budget_remaining");
      writeNumber(json, e.errorBudgetRemaining());
    }
    if (e.noData()) {
      json.writeBooleanField("no_data", true);
    }
    json.writeEndObject();
  }

  private static void writeTraceability(JsonGenerator json, Requirement r) throws IOException {
    json.writeFieldName("traceability");
    if (r == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeStringField("title", r.title());
    json.writeStringField("intent", r.intent());
    json.writeStringField("doc", r.doc());
    writeStrings(json, "design", r.design());
    writeStrings(json, "code", r.code());
    writeStrings(json, "business_rules", r.businessRules());
    writeStrings(json, "constraints", r.constraints());
    json.writeEndObject();
  }

  private static void writeStrings(JsonGenerator json, String name, List<String> values)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (String value : values) {
      json.writeString(value);
    }
    json.writeEndArray();
  }

  private static void writeInstant(JsonGenerator json, String name, Instant at)
      throws IOException {
    json.writeStringField(name, at == null ? null : at.toString());
  }

  /** A measured value: always with a fraction ({@code 750.0}); null when there is none. */
  private static void writeNumber(JsonGenerator json, double value) throws IOException {
    if (Double.isFinite(value)) {
      json.writeNumber(value);
    } else {
      json.writeNull();
    }
  }

  /** A configured value as a person writes it: {@code 500}, {@code 0.99}. */
  private static void writeAsWritten(JsonGenerator json, double value) throws IOException {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.writeNumber((long) value);
    } else {
      writeNumber(json, value);
    }
  }
}
