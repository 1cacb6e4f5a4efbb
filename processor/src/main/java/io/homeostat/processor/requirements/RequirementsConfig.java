package io.homeostat.processor.requirements;

import io.homeostat.core.config.ConfigKey;
import io.homeostat.core.config.Durations;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.CatalogStore;
import io.homeostat.core.req.ReqKeys;
import io.homeostat.core.req.TagRule;
import io.homeostat.core.req.TagRuleConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code requirements} processor's config; every key is described in
 * {@code docs/processors/requirements.md}.
 *
 * @param catalog a catalog file (Homeostat's {@code requirements.yaml} or a team's
 *     {@code observability.yml}), relative to the config file; null for none
 * @param reloadInterval how often the catalog file is checked for changes; 0 never
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
public record RequirementsConfig(String catalog, Duration reloadInterval, String key,
    List<String> aliases, Pattern pattern, OnMissing onMissing, String untaggedValue,
    List<TagRuleConfig> rules, Baggage baggage, TraceInheritance traceInheritance,
    List<Enrichment> enrich) implements Validatable {

  static final RequirementsConfig DEFAULT = new RequirementsConfig(null,
      CatalogStore.DEFAULT_RELOAD_INTERVAL, ReqKeys.KEY,
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
   * @param maxWait ({@code wait}) the longest a record is held for an ancestor that has not
   *     arrived yet; 0 holds nothing and uses only what is already known
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

  /** The rules as the catalog's rules are written. */
  List<TagRule> tagRules() {
    return rules.stream().map(TagRuleConfig::rule).toList();
  }

  @Override
  public void validate(Violations violations) {
    if (catalog != null && catalog.isBlank()) {
      violations.add("catalog", "must name a file when written: a requirements.yaml or a team's"
          + " observability.yml, relative to this config file");
    }
    if (reloadInterval.isNegative()) {
      violations.add("reload_interval", "must not be negative, was "
          + Durations.format(reloadInterval) + ": how often the catalog file is checked for"
          + " changes, such as 10s (0s never)");
    }
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
      MatchConfig match = rules.get(i).match();
      if (match != null && Arrays.stream(Signal.values()).noneMatch(s -> Rules.appliesTo(match, s))) {
        Set<String> keys = new LinkedHashSet<>();
        Arrays.stream(Signal.values()).forEach(signal -> keys.addAll(match.keysNotFor(signal)));
        violations.add("rules", "rule " + (i + 1) + " sets properties of different signals ("
            + String.join(", ", keys) + ") and so applies to none: write one rule per signal");
      }
      // Keys that are not REQ keys at all are reported by the rule itself; this processor's
      // pattern can be stricter still.
      for (String ruleKey : rules.get(i).rule().requirements()) {
        if (ReqKeys.DEFAULT_PATTERN.matcher(ruleKey).matches() && !pattern.matcher(ruleKey).matches()) {
          violations.add("rules", "rule " + (i + 1) + ": '" + ruleKey + "' does not match pattern "
              + pattern.pattern() + ": write a key the pattern accepts, or change pattern");
        }
      }
    }
  }
}
