package io.homeostat.processor.redaction;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.processor.redaction.RedactionConfig.Summary;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Counts redactions: {@code homeostat_redaction_redactions_total{processor,rule}} for the server,
 * and, per record, what the Collector's summary attributes report ({@code redaction.masked.count},
 * {@code redaction.redacted.count}, and at {@code debug} the attribute keys involved).
 */
final class Tally {

  static final String METRIC = "homeostat_redaction_redactions_total";
  static final String MASKED_COUNT = "redaction.masked.count";
  static final String REDACTED_COUNT = "redaction.redacted.count";
  static final String MASKED_KEYS = "redaction.masked.keys";
  static final String REDACTED_KEYS = "redaction.redacted.keys";

  private final Counter[] counters = new Counter[Rule.values().length];
  private final Summary summary;
  private int masked;
  private int removed;
  private final TreeSet<String> maskedKeys = new TreeSet<>();
  private final TreeSet<String> removedKeys = new TreeSet<>();
  /** The attribute whose value is being redacted, for the keys of the summary; null in text fields. */
  private String key;

  Tally(MetricRegistry metrics, String processor, Summary summary) {
    for (Rule rule : Rule.values()) {
      counters[rule.ordinal()] = metrics.counter(METRIC,
          "Values a redaction processor masked or hashed, and attributes it removed, by rule.",
          "processor", processor, "rule", rule.label());
    }
    this.summary = summary;
  }

  /** Starts counting for the summary of a new record. */
  void startRecord() {
    masked = 0;
    removed = 0;
    key = null;
    if (summary == Summary.DEBUG) {
      maskedKeys.clear();
      removedKeys.clear();
    }
  }

  /** The attribute whose value comes next; null for a field that is no attribute. */
  void at(String attributeKey) {
    key = attributeKey;
  }

  void masked(Rule rule) {
    counters[rule.ordinal()].inc();
    masked++;
    if (summary == Summary.DEBUG && key != null) {
      maskedKeys.add(key);
    }
  }

  void removed(String attributeKey) {
    counters[Rule.NOT_ALLOWED.ordinal()].inc();
    removed++;
    if (summary == Summary.DEBUG) {
      removedKeys.add(attributeKey);
    }
  }

  /** True when something was redacted in the record since {@link #startRecord}. */
  boolean any() {
    return masked > 0 || removed > 0;
  }

  /** {@code attributes} with the summary of the record, when one is configured and due. */
  List<KeyValue> summarize(List<KeyValue> attributes) {
    if (summary == Summary.SILENT || !any()) {
      return attributes;
    }
    List<KeyValue> out = new ArrayList<>(attributes.size() + 4);
    out.addAll(attributes);
    if (masked > 0) {
      out.add(count(MASKED_COUNT, masked));
      if (summary == Summary.DEBUG && !maskedKeys.isEmpty()) {
        out.add(keys(MASKED_KEYS, maskedKeys));
      }
    }
    if (removed > 0) {
      out.add(count(REDACTED_COUNT, removed));
      if (summary == Summary.DEBUG) {
        out.add(keys(REDACTED_KEYS, removedKeys));
      }
    }
    return out;
  }

  private static KeyValue count(String name, int value) {
    return KeyValue.newBuilder().setKey(name).setValue(AnyValue.newBuilder().setIntValue(value)).build();
  }

  private static KeyValue keys(String name, TreeSet<String> keys) {
    return KeyValue.newBuilder().setKey(name).setValue(KeyValues.string(String.join(",", keys))).build();
  }
}
