package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connector ends the traces pipeline and feeds the metrics pipeline, through the ring. */
class ConnectorEndToEndTest {

  @TempDir
  Path dir;

  @Test
  void whatAConnectorMakesOfTracesReachesTheMetricsPipelineEvenAtShutdown() throws Exception {
    try (RunningServer server = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        exporters:
          file: { path: out.jsonl }
        connectors:
          spancount:
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], exporters: [spancount, file] }
            metrics: { receivers: [spancount], exporters: [file] }
        """);
        Senders client = new Senders(server.grpcPort())) {
      for (int i = 0; i < 7; i++) {
        client.sendOnce(Senders.spans(i * 3L, 3));
      }
    }
    List<Message> lines = TelemetryFile.read(dir.resolve("out.jsonl"));
    List<ExportMetricsServiceRequest> metrics = lines.stream()
        .filter(ExportMetricsServiceRequest.class::isInstance).map(ExportMetricsServiceRequest.class::cast).toList();
    assertEquals(1, metrics.size());
    assertEquals(21, metrics.get(0).getResourceMetrics(0).getScopeMetrics(0).getMetrics(0)
        .getSum().getDataPoints(0).getAsInt());
    assertEquals(21, TelemetryFile.spans(dir.resolve("out.jsonl")).size());
  }
}
