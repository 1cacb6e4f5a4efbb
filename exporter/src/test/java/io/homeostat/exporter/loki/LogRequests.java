package io.homeostat.exporter.loki;

import io.homeostat.exporter.TestRequests;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;

/** Log requests built record by record, for the Loki exporter's tests. */
final class LogRequests {

  /** 2023-11-14T22:13:20Z in nanoseconds. */
  static final long T0 = 1_700_000_000_000_000_000L;

  private LogRequests() {}

  /** A record at {@code T0 + offset} nanoseconds with body {@code line} and these attributes. */
  static LogRecord.Builder record(long offset, String line, KeyValue... attributes) {
    return LogRecord.newBuilder().setTimeUnixNano(T0 + offset)
        .setBody(AnyValue.newBuilder().setStringValue(line))
        .addAllAttributes(List.of(attributes));
  }

  static KeyValue attribute(String key, String value) {
    return TestRequests.attribute(key, value);
  }

  static KeyValue attribute(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  /** The records under one resource and one scope named {@code io.homeostat.test}. */
  static ResourceLogs resource(List<KeyValue> attributes, LogRecord.Builder... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder()
        .setScope(InstrumentationScope.newBuilder().setName("io.homeostat.test").setVersion("1.0"));
    for (LogRecord.Builder record : records) {
      scope.addLogRecords(record);
    }
    return ResourceLogs.newBuilder()
        .setResource(Resource.newBuilder().addAllAttributes(attributes)).addScopeLogs(scope)
        .build();
  }

  /** The records of service {@code service}. */
  static ResourceLogs service(String service, LogRecord.Builder... records) {
    return resource(List.of(attribute("service.name", service)), records);
  }

  static ExportLogsServiceRequest request(ResourceLogs... resources) {
    return ExportLogsServiceRequest.newBuilder().addAllResourceLogs(List.of(resources)).build();
  }
}
