package io.homeostat.processor.requirements;

import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.match.RecordMatcher;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.req.TagRule;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tagging rules of one signal, compiled once: each rule's matcher and the keys it gives, as the
 * attribute value records get, so that a match costs no allocation. The first rule that matches
 * wins.
 *
 * <p>A rule applies to a signal when none of the properties it sets belongs to another signal
 * ({@link MatchConfig#keysNotFor}): a rule on span names to spans only, on metric names to data
 * points only, on log bodies or severities to log records only, and a rule on services,
 * attributes, resources or libraries alone to all three. The matcher ignores properties of other
 * signals, so without this a rule about a metric name would match every span.
 */
final class Rules {

  static final Rules NONE = new Rules(new RecordMatcher[0], new AnyValue[0]);

  private final RecordMatcher[] matchers;
  private final AnyValue[] keys;

  private Rules(RecordMatcher[] matchers, AnyValue[] keys) {
    this.matchers = matchers;
    this.keys = keys;
  }

  /**
   * Compiles {@code rules}. Keys that fail the pattern are left out and reported to
   * {@code invalid}; a rule left without keys is skipped.
   */
  static Rules compile(List<TagRule> rules, Signal signal, KeyReader reader,
      Consumer<String> invalid) {
    List<RecordMatcher> matchers = new ArrayList<>(rules.size());
    List<AnyValue> keys = new ArrayList<>(rules.size());
    for (TagRule rule : rules) {
      if (!appliesTo(rule.match(), signal)) {
        continue;
      }
      AnyValue valid = reader.validKeys(rule.requirements(), invalid);
      if (valid != null) {
        matchers.add(RecordMatcher.compile(rule.match()));
        keys.add(valid);
      }
    }
    return new Rules(matchers.toArray(RecordMatcher[]::new), keys.toArray(AnyValue[]::new));
  }

  static boolean appliesTo(MatchConfig match, Signal signal) {
    return match.keysNotFor(signal).isEmpty();
  }

  /** The keys of the first rule matching {@code span}, or null. */
  AnyValue first(Resource resource, InstrumentationScope scope, Span span) {
    for (int i = 0; i < matchers.length; i++) {
      if (matchers[i].matches(resource, scope, span)) {
        return keys[i];
      }
    }
    return null;
  }

  /** The keys of the first rule matching {@code record}, or null. */
  AnyValue first(Resource resource, InstrumentationScope scope, LogRecord record) {
    for (int i = 0; i < matchers.length; i++) {
      if (matchers[i].matches(resource, scope, record)) {
        return keys[i];
      }
    }
    return null;
  }

  /** The keys of the first rule matching a data point of {@code metric}, or null. */
  AnyValue first(Resource resource, InstrumentationScope scope, Metric metric,
      List<KeyValue> pointAttributes) {
    for (int i = 0; i < matchers.length; i++) {
      if (matchers[i].matches(resource, scope, metric, pointAttributes)) {
        return keys[i];
      }
    }
    return null;
  }
}
