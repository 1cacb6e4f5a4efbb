package io.homeostat.processor.testing;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Ack;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What follows a processor in a test: takes every request and releases its ack as accepted, like
 * exporters with room, or refuses while {@link #full}, like a full exporter queue. Acks can also be
 * kept, to release them later.
 */
public final class Capture implements Downstream {

  public final List<Message> requests = new ArrayList<>();
  public final List<Ack> acks = new ArrayList<>();
  public boolean full;
  public boolean keepAcks;

  @Override
  public void accept(Message request, Ack ack) {
    if (full) {
      ack.release(new Outcome.Refused(Duration.ofSeconds(1), "full"));
      return;
    }
    requests.add(request);
    if (keepAcks) {
      acks.add(ack);
    } else {
      ack.accept();
    }
  }

  /** Every span taken, in order. */
  public List<Span> spans() {
    List<Span> spans = new ArrayList<>();
    for (Message request : requests) {
      ((ExportTraceServiceRequest) request).getResourceSpansList().forEach(resource ->
          resource.getScopeSpansList().forEach(scope -> spans.addAll(scope.getSpansList())));
    }
    return spans;
  }

  /** Every log record taken, in order. */
  public List<LogRecord> logRecords() {
    List<LogRecord> records = new ArrayList<>();
    for (Message request : requests) {
      ((ExportLogsServiceRequest) request).getResourceLogsList().forEach(resource ->
          resource.getScopeLogsList().forEach(scope -> records.addAll(scope.getLogRecordsList())));
    }
    return records;
  }

  public void clear() {
    requests.clear();
    acks.clear();
  }
}
