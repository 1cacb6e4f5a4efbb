package io.homeostat.homeostasis.intents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homeostat.homeostasis.model.FeedbackIntent;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A feedback intent as JSON, the same in the JSON-lines file, the webhook body and the admin API:
 * DESIGN.md's field names, the evidence's keys in alphabetical order.
 *
 * <pre>{@code
 * {"intent_id":"INT-FB-20261121-0001","source":"ALERT-...","source_kind":"alert",
 *  "requirement":"REQ-NFR-PERF-001","parent_intent":"INT-100","priority":"P0",
 *  "created_at":"2026-11-21T10:15:00Z","description":"p95 of login_latency_ms is ...",
 *  "evidence":{...}}
 * }</pre>
 */
public final class IntentJson {

  static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

  private IntentJson() {}

  public static ObjectNode node(FeedbackIntent intent) {
    ObjectNode node = JSON.createObjectNode();
    node.put("intent_id", intent.intentId());
    node.put("source", intent.source());
    node.put("source_kind", intent.sourceKind());
    node.put("requirement", intent.requirement());
    node.put("parent_intent", intent.parentIntent());
    node.put("priority", intent.priority());
    node.put("created_at", intent.createdAt().toString());
    node.put("description", intent.description());
    node.set("evidence", JSON.valueToTree(new TreeMap<>(intent.evidence())));
    return node;
  }

  /** {@link #node} as compact UTF-8 JSON, without a line end. */
  static byte[] bytes(FeedbackIntent intent) {
    try {
      return JSON.writeValueAsBytes(node(intent));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("an intent's JSON cannot be written", e);
    }
  }

  /**
   * {@code values} (a map or an object node) as JSON reads them back (small whole numbers as {@code Integer}, and so on):
   * the form an intent's evidence is kept in, so that it equals itself after a restart.
   */
  static Map<String, Object> canonical(Object values) {
    try {
      return JSON.readValue(JSON.writeValueAsBytes(values), MAP);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("evidence must be plain JSON values", e);
    }
  }
}
