package io.homeostat.core.match;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * The Collector's {@code include} / {@code exclude} pair: a record is selected when it matches
 * {@code include} (or there is none) and does not match {@code exclude}.
 */
public final class IncludeExclude {

  /** Selects every record. */
  public static final IncludeExclude ALL = new IncludeExclude(null, null);

  private final RecordMatcher include;
  private final RecordMatcher exclude;

  private IncludeExclude(RecordMatcher include, RecordMatcher exclude) {
    this.include = include;
    this.exclude = exclude;
  }

  /** From validated configs; either may be null. */
  public static IncludeExclude of(MatchConfig include, MatchConfig exclude) {
    if (include == null && exclude == null) {
      return ALL;
    }
    return new IncludeExclude(include == null ? null : RecordMatcher.compile(include),
        exclude == null ? null : RecordMatcher.compile(exclude));
  }

  public boolean selects(Resource resource, InstrumentationScope scope, Span span) {
    return (include == null || include.matches(resource, scope, span))
        && (exclude == null || !exclude.matches(resource, scope, span));
  }

  public boolean selects(Resource resource, InstrumentationScope scope, LogRecord record) {
    return (include == null || include.matches(resource, scope, record))
        && (exclude == null || !exclude.matches(resource, scope, record));
  }

  public boolean selects(Resource resource, InstrumentationScope scope, Metric metric,
      List<KeyValue> pointAttributes) {
    return (include == null || include.matches(resource, scope, metric, pointAttributes))
        && (exclude == null || !exclude.matches(resource, scope, metric, pointAttributes));
  }
}
