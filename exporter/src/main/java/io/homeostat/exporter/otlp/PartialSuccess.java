package io.homeostat.exporter.otlp;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Outcome;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

/** Reads the {@code partial_success} field of an OTLP export response. */
final class PartialSuccess {

  private PartialSuccess() {}

  /** {@link Outcome#ACCEPTED}, or the items the backend rejected and its message. */
  static Outcome.Accepted of(Message response) {
    long rejected;
    String message;
    if (response instanceof ExportTraceServiceResponse traces && traces.hasPartialSuccess()) {
      rejected = traces.getPartialSuccess().getRejectedSpans();
      message = traces.getPartialSuccess().getErrorMessage();
    } else if (response instanceof ExportMetricsServiceResponse metrics
        && metrics.hasPartialSuccess()) {
      rejected = metrics.getPartialSuccess().getRejectedDataPoints();
      message = metrics.getPartialSuccess().getErrorMessage();
    } else if (response instanceof ExportLogsServiceResponse logs && logs.hasPartialSuccess()) {
      rejected = logs.getPartialSuccess().getRejectedLogRecords();
      message = logs.getPartialSuccess().getErrorMessage();
    } else {
      return Outcome.ACCEPTED;
    }
    return rejected <= 0 && message.isEmpty() ? Outcome.ACCEPTED
        : new Outcome.Accepted(Math.max(0, rejected), message);
  }
}
