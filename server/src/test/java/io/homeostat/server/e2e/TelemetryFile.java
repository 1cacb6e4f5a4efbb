package io.homeostat.server.e2e;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpJson;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what the {@code file} exporter wrote: one OTLP/JSON export request per line. */
final class TelemetryFile {

  private TelemetryFile() {}

  static List<Message> read(Path file) throws IOException {
    List<Message> requests = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      Signal signal = line.startsWith("{\"resourceSpans\"") ? Signal.TRACES
          : line.startsWith("{\"resourceMetrics\"") ? Signal.METRICS : Signal.LOGS;
      requests.add(OtlpJson.decode(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
          OtlpRequests.empty(signal)));
    }
    return requests;
  }

  /** Every span in the file's trace requests, in order. */
  static List<Span> spans(Path file) throws IOException {
    List<Span> spans = new ArrayList<>();
    for (Message request : read(file)) {
      if (request instanceof ExportTraceServiceRequest traces) {
        for (ResourceSpans resource : traces.getResourceSpansList()) {
          for (ScopeSpans scope : resource.getScopeSpansList()) {
            spans.addAll(scope.getSpansList());
          }
        }
      }
    }
    return spans;
  }
}
