package io.homeostat.homeostasis.engine;

import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.target.LogSeverity;
import io.homeostat.homeostasis.target.Source;
import io.homeostat.homeostasis.target.TargetSpec;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import java.time.Duration;

/**
 * {@code logs}: log records at or above a severity, per minute. A record without a severity number
 * is judged by its severity text ({@code ERROR}, {@code Warning}, ...). Its time is its timestamp,
 * else when it was observed, else now.
 */
final class LogWatch extends Watch implements Watch.OfLogs {

  private final int severityMin;
  private final Measure.Increases records;

  LogWatch(TargetSpec spec, MetricRegistry metrics, long watchStart) {
    super(spec, metrics, watchStart);
    this.severityMin = ((Source.Logs) spec.source()).severityMin().number();
    this.records = new RateMeasure(spec, window(false), Duration.ofMinutes(1), watchStart);
  }

  @Override
  Measure measure() {
    return records;
  }

  @Override
  public void log(Resource resource, InstrumentationScope scope, LogRecord record, long now) {
    int severity = record.getSeverityNumberValue() != 0 ? record.getSeverityNumberValue()
        : LogSeverity.numberOfText(record.getSeverityText());
    if (severity < severityMin || !tagged(record.getAttributesList(), scope, resource)
        || matcher != null && !matcher.matches(resource, scope, record)) {
      return;
    }
    long time = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano()
        : record.getObservedTimeUnixNano() != 0 ? record.getObservedTimeUnixNano() : now;
    if (landed(records.increase(time, now, 1), now) && capsFromAbove()) {
      exemplar(record.getTraceId(), record.getSpanId(), severity, time);
    }
  }
}
