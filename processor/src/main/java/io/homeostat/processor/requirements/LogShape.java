package io.homeostat.processor.requirements;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.homeostat.core.otlp.KeyValues;
import io.homeostat.core.otlp.Rewrites;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** Log records: one written inside a span takes that span's keys. */
final class LogShape implements TracedShape<LogRecord> {

  /** How much of a log body a message quotes. */
  private static final int BODY_CHARS = 80;

  @Override
  public Signal signal() {
    return Signal.LOGS;
  }

  @Override
  public void collect(Message request, Batch<LogRecord> batch) {
    List<ResourceLogs> resources = ((ExportLogsServiceRequest) request).getResourceLogsList();
    for (int r = 0; r < resources.size(); r++) {
      ResourceLogs resource = resources.get(r);
      for (int s = 0; s < resource.getScopeLogsCount(); s++) {
        ScopeLogs scope = resource.getScopeLogs(s);
        List<LogRecord> records = scope.getLogRecordsList();
        for (int i = 0; i < records.size(); i++) {
          batch.add(resource.getResource(), resource.getSchemaUrl(), scope.getScope(),
              scope.getSchemaUrl(), records.get(i), 0);
        }
      }
    }
  }

  @Override
  public Message rewrite(Message request, Batch<LogRecord> batch) {
    return Rewrites.logs((ExportLogsServiceRequest) request,
        (resource, scope, record) -> replacement(batch, record));
  }

  @Override
  public Message assemble(Groups<LogRecord> records) {
    ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
    for (Groups.ResourceGroup<LogRecord> resource : records.resources()) {
      ResourceLogs.Builder group = request.addResourceLogsBuilder()
          .setResource(resource.resource()).setSchemaUrl(resource.schemaUrl());
      for (Groups.ScopeGroup<LogRecord> scope : resource.scopes()) {
        group.addScopeLogsBuilder().setScope(scope.scope()).setSchemaUrl(scope.schemaUrl())
            .addAllLogRecords(scope.records());
      }
    }
    return request.build();
  }

  @Override
  public boolean isEmpty(Message request) {
    return ((ExportLogsServiceRequest) request).getResourceLogsCount() == 0;
  }

  @Override
  public List<KeyValue> attributes(LogRecord record) {
    return record.getAttributesList();
  }

  @Override
  public LogRecord withAttributes(LogRecord record, List<KeyValue> attributes) {
    return record.toBuilder().clearAttributes().addAllAttributes(attributes).build();
  }

  @Override
  public AnyValue ruleKeys(Rules rules, Resource resource, InstrumentationScope scope,
      LogRecord record) {
    return rules.first(resource, scope, record);
  }

  @Override
  public ByteString traceId(LogRecord record) {
    return record.getTraceId();
  }

  @Override
  public ByteString awaitedSpan(LogRecord record) {
    return record.getSpanId();
  }

  @Override
  public ByteString ownSpan(LogRecord record) {
    return ByteString.EMPTY;
  }

  @Override
  public String describe(LogRecord record) {
    String body = KeyValues.asString(record.getBody());
    if (body.length() > BODY_CHARS) {
      body = body.substring(0, BODY_CHARS) + "…";
    }
    return "log record '" + body + "'" + TracedShape.ids(record.getTraceId(), record.getSpanId());
  }
}
