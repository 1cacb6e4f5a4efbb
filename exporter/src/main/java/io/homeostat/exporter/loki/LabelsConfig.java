package io.homeostat.exporter.loki;

import io.homeostat.core.config.Validatable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which values become a Loki stream's labels (its index): keep them few and of low cardinality,
 * since every distinct combination is a stream of its own. Everything else about a record goes
 * into structured metadata.
 *
 * @param resource resource attribute keys, such as {@code service.name}
 * @param attributes log record attribute keys, such as {@code req}
 * @param severity whether the record's severity is the label {@code severity}: its severity text,
 *     or else the name of its severity number's range ({@code INFO}, {@code ERROR}, ...)
 */
public record LabelsConfig(List<String> resource, List<String> attributes, boolean severity)
    implements Validatable {

  /** Loki's default {@code max_label_names_per_series}: a stream with more is refused. */
  static final int MAX_LABELS = 15;
  /** The name of the severity label. */
  static final String SEVERITY = "severity";

  static final LabelsConfig DEFAULT =
      new LabelsConfig(List.of("service.name"), List.of("req"), true);

  /** The number of labels a stream can have. */
  int count() {
    return resource.size() + attributes.size() + (severity ? 1 : 0);
  }

  @Override
  public void validate(Violations violations) {
    if (count() == 0) {
      violations.add("names no label: Loki needs at least one per stream; list a resource "
          + "attribute such as service.name");
    } else if (count() > MAX_LABELS) {
      violations.add("names " + count() + " labels, more than the " + MAX_LABELS + " Loki "
          + "accepts per stream (limits_config.max_label_names_per_series): keep the labels to "
          + "a few low-cardinality values; the other attributes go to structured metadata anyway");
    }
    Map<String, String> claimed = new HashMap<>();
    if (severity) {
      claimed.put(SEVERITY, "the severity label (severity: true)");
    }
    check("resource", resource, claimed, violations);
    check("attributes", attributes, claimed, violations);
  }

  private static void check(String key, List<String> names, Map<String, String> claimed,
      Violations violations) {
    List<String> seen = new ArrayList<>();
    for (String name : names) {
      if (name == null || name.isBlank()) {
        violations.add(key, "holds an empty attribute key: write the key of an attribute, "
            + "such as service.name");
        continue;
      }
      if (seen.contains(name)) {
        violations.add(key, "lists '" + name + "' twice");
        continue;
      }
      seen.add(name);
      String label = LabelNames.sanitize(name);
      String source = key + " '" + name + "'";
      String earlier = claimed.putIfAbsent(label, source);
      if (earlier != null) {
        violations.add(key, "'" + name + "' would be the label '" + label + "', as " + earlier
            + " already is: Loki cannot hold two labels of one name; drop one of them");
      }
    }
  }
}
