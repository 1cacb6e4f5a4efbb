package io.homeostat.processor.batch;

import static io.homeostat.processor.testing.Otlp.gauge;
import static io.homeostat.processor.testing.Otlp.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.Message;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.processor.testing.Otlp;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitterTest {

  @Test
  void aRequestWithinTheMaxIsLeftWhole() {
    Message request = Otlp.logs(Otlp.log(Otlp.traceId(1, 1), "a"));
    assertSame(request, Splitter.split(request, 1).get(0));
  }

  @Test
  void partsKeepTheResourceAndScopeOfEveryItemInOrder() {
    ExportLogsServiceRequest checkout = Otlp.logs(service("checkout"), "http",
        List.of(log("a"), log("b"), log("c")));
    ExportLogsServiceRequest payments = Otlp.logs(service("payments"), "db", List.of(log("d")));
    ExportLogsServiceRequest both = checkout.toBuilder()
        .addAllResourceLogs(payments.getResourceLogsList()).build();
    assertEquals(List.of(
        Otlp.logs(service("checkout"), "http", List.of(log("a"), log("b"))),
        Otlp.logs(service("checkout"), "http", List.of(log("c"))).toBuilder()
            .addAllResourceLogs(payments.getResourceLogsList()).build()),
        Splitter.split(both, 2));
  }

  private static LogRecord log(String body) {
    return Otlp.log(Otlp.traceId(1, body.hashCode()), body);
  }

  @Test
  void aMetricWithMoreDataPointsThanAPartHasRoomForIsSplitAcrossParts() {
    ExportMetricsServiceRequest request = Otlp.metrics(service("checkout"), "meter",
        List.of(gauge("queue_depth", 1), gauge("latency", 5)));
    List<Message> parts = Splitter.split(request, 2);
    assertEquals(List.of(2, 2, 2), parts.stream().map(OtlpRequests::itemCount).toList());
    Metric firstPart = ((ExportMetricsServiceRequest) parts.get(0)).getResourceMetrics(0)
        .getScopeMetrics(0).getMetrics(1);
    assertEquals("latency", firstPart.getName());
    assertEquals(0, firstPart.getGauge().getDataPoints(0).getAsInt());
    Metric lastPart = ((ExportMetricsServiceRequest) parts.get(2)).getResourceMetrics(0)
        .getScopeMetrics(0).getMetrics(0);
    assertEquals(List.of(3L, 4L), lastPart.getGauge().getDataPointsList().stream()
        .map(p -> p.getAsInt()).toList());
  }
}
