package io.homeostat.core.match;

import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.match.MatchConfig.AttributeMatch;
import io.homeostat.core.match.MatchConfig.MatchType;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A compiled {@link MatchConfig}: patterns compiled once, at creation, so that matching a record
 * costs string comparisons only. Properties that do not apply to a signal (span names for logs)
 * never exclude a record of that signal.
 */
public final class RecordMatcher {

  private final List<Predicate<String>> services;
  private final List<Predicate<String>> spanNames;
  private final List<Span.SpanKind> spanKinds;
  private final List<Status.StatusCode> spanStatuses;
  private final List<Predicate<String>> metricNames;
  private final List<Predicate<String>> logBodies;
  private final List<Predicate<String>> logSeverityTexts;
  private final int logSeverityNumberMin;
  private final int logSeverityNumberMax;
  private final List<Attribute> attributes;
  private final List<Attribute> resources;
  private final List<Predicate<String>> libraries;

  private RecordMatcher(MatchConfig config) {
    MatchType type = config.matchType();
    services = compile(config.services(), type);
    spanNames = compile(config.spanNames(), type);
    spanKinds = config.spanKinds().stream().map(RecordMatcher::spanKind).toList();
    spanStatuses = config.spanStatuses().stream().map(RecordMatcher::spanStatus).toList();
    metricNames = compile(config.metricNames(), type);
    logBodies = compile(config.logBodies(), type);
    logSeverityTexts = compile(config.logSeverityTexts(), type);
    logSeverityNumberMin = config.logSeverityNumberMin();
    logSeverityNumberMax = config.logSeverityNumberMax();
    attributes = config.attributes().stream().map(a -> Attribute.of(a, type)).toList();
    resources = config.resources().stream().map(a -> Attribute.of(a, type)).toList();
    libraries = compile(config.libraries(), type);
  }

  /** Compiles a validated config. */
  public static RecordMatcher compile(MatchConfig config) {
    return new RecordMatcher(config);
  }

  public boolean matches(Resource resource, InstrumentationScope scope, Span span) {
    return common(resource, scope, span.getAttributesList())
        && any(spanNames, span.getName())
        && (spanKinds.isEmpty() || spanKinds.contains(span.getKind()))
        && (spanStatuses.isEmpty() || spanStatuses.contains(span.getStatus().getCode()));
  }

  public boolean matches(Resource resource, InstrumentationScope scope, LogRecord record) {
    return common(resource, scope, record.getAttributesList())
        && (logBodies.isEmpty() || any(logBodies, KeyValues.asString(record.getBody())))
        && any(logSeverityTexts, record.getSeverityText())
        && severityInRange(record.getSeverityNumberValue());
  }

  /** Within the configured bounds; an unspecified severity (0) is within no bound. */
  private boolean severityInRange(int severity) {
    if (logSeverityNumberMin == 0 && logSeverityNumberMax == 0) {
      return true;
    }
    return severity >= Math.max(logSeverityNumberMin, 1)
        && (logSeverityNumberMax == 0 || severity <= logSeverityNumberMax);
  }

  /**
   * Matches a metric by name, resource and scope, and a data point's attributes: pass the
   * attributes of the point being considered.
   */
  public boolean matches(Resource resource, InstrumentationScope scope, Metric metric,
      List<KeyValue> pointAttributes) {
    return common(resource, scope, pointAttributes) && any(metricNames, metric.getName());
  }

  private boolean common(Resource resource, InstrumentationScope scope, List<KeyValue> recordAttributes) {
    return (services.isEmpty()
            || any(services, KeyValues.getString(resource.getAttributesList(), "service.name")))
        && all(resources, resource.getAttributesList())
        && all(attributes, recordAttributes)
        && any(libraries, scope.getName());
  }

  /** True when no predicates are given, or one of them accepts {@code value}. */
  private static boolean any(List<Predicate<String>> predicates, String value) {
    if (predicates.isEmpty()) {
      return true;
    }
    if (value == null) {
      return false;
    }
    for (int i = 0; i < predicates.size(); i++) {
      if (predicates.get(i).test(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean all(List<Attribute> wanted, List<KeyValue> present) {
    for (int i = 0; i < wanted.size(); i++) {
      if (!wanted.get(i).matches(present)) {
        return false;
      }
    }
    return true;
  }

  private static List<Predicate<String>> compile(List<String> values, MatchType type) {
    return values.stream().map(v -> predicate(v, type)).toList();
  }

  private static Predicate<String> predicate(String value, MatchType type) {
    return type == MatchType.REGEXP ? Pattern.compile(value).asMatchPredicate() : value::equals;
  }

  /** The span kind named {@code name} ({@code server}, {@code SPAN_KIND_SERVER}), or null. */
  static Span.SpanKind spanKind(String name) {
    return protoEnum(Span.SpanKind.class, "SPAN_KIND_", name);
  }

  /** The status code named {@code name} ({@code error}, {@code STATUS_CODE_ERROR}), or null. */
  static Status.StatusCode spanStatus(String name) {
    return protoEnum(Status.StatusCode.class, "STATUS_CODE_", name);
  }

  /** The constant of an OTLP enum named with or without its prefix, in any case, or null. */
  private static <E extends Enum<E>> E protoEnum(Class<E> type, String prefix, String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    String full = upper.startsWith(prefix) ? upper : prefix + upper;
    for (E constant : type.getEnumConstants()) {
      if (!constant.name().equals("UNRECOGNIZED") && constant.name().equals(full)) {
        return constant;
      }
    }
    return null;
  }

  private record Attribute(String key, Predicate<String> value) {
    static Attribute of(AttributeMatch match, MatchType type) {
      return new Attribute(match.key(), match.value() == null ? null : predicate(match.value(), type));
    }

    boolean matches(List<KeyValue> present) {
      AnyValue found = KeyValues.get(present, key);
      return found != null && (value == null || value.test(KeyValues.asString(found)));
    }
  }
}
