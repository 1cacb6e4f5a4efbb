package io.homeostat.processor.requirements;

import io.homeostat.core.config.ConfigKey;
import io.homeostat.core.config.ConfigNode;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.req.ReqKeys;
import io.homeostat.core.req.TagRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code requirements} processor's config; every key is described in
 * {@code docs/processors/requirements.md}.
 *
 * @param key the attribute requirement keys are kept in
 * @param aliases other attribute names teams use for it, folded into {@code key}
 * @param pattern what a key must look like; a value that does not match is moved aside
 * @param onMissing what happens to a record whose key could not be found
 * @param untaggedValue the key given to such records with {@code on_missing: tag}
 * @param rules keys for records without one, first match wins, before the catalog's rules
 * @param baggage where instrumentation recorded the W3C {@code baggage} header
 * @param traceInheritance spans and log records taking the key of their trace
 * @param enrich which of the catalog's facts about a key are copied onto its records
 */
public record RequirementsConfig(String key, List<String> aliases, Pattern pattern,
    OnMissing onMissing, String untaggedValue, List<Rule> rules, Baggage baggage,
    TraceInheritance traceInheritance, List<Enrichment> enrich) implements Validatable {

  static final RequirementsConfig DEFAULT = new RequirementsConfig(ReqKeys.KEY,
      ReqKeys.DEFAULT_ALIASES, ReqKeys.DEFAULT_PATTERN, OnMissing.TAG, ReqKeys.UNTAGGED, List.of(),
      Baggage.DEFAULT, TraceInheritance.DEFAULT, List.of(Enrichment.values()));

  /** What becomes of a record without a key. */
  public enum OnMissing {
    /** It gets {@code untagged_value}. */
    TAG,
    /** It goes on as it is. */
    PASS,
    /** It is dropped, and counted. */
    DROP,
    /** The whole request is refused (HTTP 400, gRPC {@code INVALID_ARGUMENT}). */
    REJECT
  }

  /** A fact of the catalog copied onto records as {@code <key>.<name>}. */
  public enum Enrichment {
    TITLE, INTENT, BUSINESS_RULES, CONSTRAINTS;

    /** The attribute it is written to, such as {@code req.business_rules}. */
    String attribute(String key) {
      return key + "." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Records that match get these keys.
   *
   * @param req one key, several separated by commas, or a list of keys
   * @param match which records, as the Collector's include/exclude properties
   */
  public record Rule(ConfigNode req, MatchConfig match) implements Validatable {

    /** The rule as the catalog's rules are written. */
    TagRule toTagRule() {
      return new TagRule(keys(), match);
    }

    /** The keys as written, split at commas and spaces. */
    List<String> keys() {
      List<String> keys = new ArrayList<>();
      if (req instanceof ConfigNode.ScalarNode scalar && !scalar.isNull()) {
        keys.addAll(ReqKeys.split(scalar.value()));
      } else if (req instanceof ConfigNode.ListNode list) {
        for (ConfigNode item : list.items()) {
          if (item instanceof ConfigNode.ScalarNode scalar && !scalar.isNull()) {
            keys.addAll(ReqKeys.split(scalar.value()));
          }
        }
      }
      return keys;
    }

    @Override
    public void validate(Violations violations) {
      if (req == null || req instanceof ConfigNode.MapNode
          || (req instanceof ConfigNode.ListNode list && list.items().stream()
              .anyMatch(item -> !(item instanceof ConfigNode.ScalarNode)))) {
        violations.add("req", "expected a requirement key such as REQ-F-AUTH-001, or a list of keys"
            + (req == null ? "" : ", found " + req.describe()));
      } else if (keys().isEmpty()) {
        violations.add("req", "is required: the requirement key (or a list of keys) that matching"
            + " records get, such as REQ-F-AUTH-001");
      }
      if (match == null) {
        violations.add("match", "is required: which records the rule applies to, such as"
            + " { services: [auth-service], span_names: [\"POST /login\"] }");
      }
    }
  }

  /**
   * The W3C {@code baggage} header, read from attributes instrumentation recorded it in.
   *
   * @param attributes record attributes holding the header's value (a string, or a list of strings
   *     as {@code http.request.header.*} attributes are)
   */
  public record Baggage(boolean enabled, List<String> attributes) implements Validatable {

    static final Baggage DEFAULT = new Baggage(true, List.of("baggage", "http.request.header.baggage"));

    @Override
    public void validate(Violations violations) {
      if (enabled && attributes.isEmpty()) {
        violations.add("attributes", "must name at least one attribute when baggage is enabled,"
            + " such as [baggage, http.request.header.baggage]");
      }
    }
  }

  /**
   * Spans take the key of their nearest tagged ancestor, log records the key of their span.
   *
   * @param maxWait ({@code wait}) the longest a record is held for an ancestor that has not arrived yet; 0 holds
   *     nothing and uses only what is already known
   * @param maxHeldSpans records held at once per pipeline; past it the oldest go on with what is
   *     known
   * @param maxCachedSpans spans whose keys are remembered for their children and log records
   * @param cacheTtl how long a span's keys are remembered
   */
  public record TraceInheritance(boolean enabled, @ConfigKey("wait") Duration maxWait,
      int maxHeldSpans, int maxCachedSpans, Duration cacheTtl) implements Validatable {

    /** The most spans remembered: about 45 bytes each, so 10 million take about 450 MB. */
    static final int MAX_CACHED_SPANS = 10_000_000;

    static final TraceInheritance DEFAULT =
        new TraceInheritance(true, Duration.ofSeconds(2), 100_000, 200_000, Duration.ofMinutes(1));

    @Override
    public void validate(Violations violations) {
      if (maxWait.isNegative()) {
        violations.add("wait", "must not be negative, was " + Durations.format(maxWait)
            + ": how long records wait for their parent span, such as 2s (0 holds nothing)");
      }
      if (maxHeldSpans < 1) {
        violations.add("max_held_spans", "must be at least 1, was " + maxHeldSpans
            + ": how many records may wait for their parent at once, such as 100000");
      }
      if (maxCachedSpans < 1 || maxCachedSpans > MAX_CACHED_SPANS) {
        violations.add("max_cached_spans", "must be between 1 and " + MAX_CACHED_SPANS + ", was "
            + maxCachedSpans + ": how many spans' keys are remembered for their children, such as"
            + " 200000");
      }
      if (cacheTtl.isNegative() || cacheTtl.isZero()) {
        violations.add("cache_ttl", "must be positive, was " + Durations.format(cacheTtl)
            + ": how long a span's keys are remembered for its children, such as 1m");
      }
    }
  }

  @Override
  public void validate(Violations violations) {
    if (key == null || key.isBlank()) {
      violations.add("key", "must not be empty: the attribute requirement keys are kept in, such as "
          + ReqKeys.KEY);
    }
    for (String alias : aliases) {
      if (alias == null || alias.isBlank()) {
        violations.add("aliases", "must not hold an empty name: list attribute names such as "
            + String.join(", ", ReqKeys.DEFAULT_ALIASES));
      } else if (alias.equals(key)) {
        violations.add("aliases", "'" + alias + "' is the key itself: list only other names, such as "
            + String.join(", ", ReqKeys.DEFAULT_ALIASES));
      }
    }
    if (untaggedValue == null || untaggedValue.isBlank()) {
      violations.add("untagged_value", "must not be empty: the key given to records without one,"
          + " such as " + ReqKeys.UNTAGGED);
    }
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      for (String ruleKey : rule.keys()) {
        if (!pattern.matcher(ruleKey).matches()) {
          violations.add("rules", "rule " + (i + 1) + ": '" + ruleKey + "' does not match pattern "
              + pattern.pattern() + ": write a key such as REQ-F-AUTH-001, or change pattern");
        }
      }
    }
  }
}
