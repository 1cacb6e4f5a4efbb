package io.homeostat.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadsTest {

  @Test
  void everyTraceRequestHoldsAHundredSpansOfAboutThreeHundredBytesWithEightAttributesAndAReq() throws Exception {
    PayloadPool pool = Payloads.pool(Signal.TRACES);
    assertEquals(Payloads.POOL_SIZE, pool.bodies().size());
    for (byte[] body : pool.bodies()) {
      ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
      assertEquals(100, OtlpRequests.spanCount(request));
      List<Span> spans = request.getResourceSpans(0).getScopeSpans(0).getSpansList();
      for (Span span : spans) {
        assertEquals(8, span.getAttributesCount());
        assertTrue(attribute(span.getAttributesList(), "req").matches("^REQ-[A-Z0-9]+(-[A-Z0-9]+)*$"));
      }
      double spanBytes = spans.stream().mapToInt(Span::getSerializedSize).average().orElseThrow();
      assertTrue(spanBytes > 280 && spanBytes < 350, "average span size " + spanBytes);
    }
  }

  @Test
  void spanIdsDifferAcrossThePoolSoTheServerNeverSeesOneRequestTwice() throws Exception {
    Set<ByteString> spanIds = new HashSet<>();
    for (byte[] body : Payloads.pool(Signal.TRACES).bodies()) {
      ExportTraceServiceRequest.parseFrom(body).getResourceSpans(0).getScopeSpans(0).getSpansList()
          .forEach(span -> spanIds.add(span.getSpanId()));
    }
    assertEquals(Payloads.POOL_SIZE * 100, spanIds.size());
  }

  @Test
  void childSpansPointAtTheServerSpanOfTheirTrace() throws Exception {
    List<Span> spans = ExportTraceServiceRequest.parseFrom(Payloads.pool(Signal.TRACES).body(0))
        .getResourceSpans(0).getScopeSpans(0).getSpansList();
    Span root = spans.get(0);
    assertEquals(Span.SpanKind.SPAN_KIND_SERVER, root.getKind());
    assertTrue(root.getParentSpanId().isEmpty());
    for (Span child : spans.subList(1, 10)) {
      assertEquals(root.getTraceId(), child.getTraceId());
      assertEquals(root.getSpanId(), child.getParentSpanId());
    }
  }

  @Test
  void theSameSeedGivesTheSameIds() throws Exception {
    ExportTraceServiceRequest a = ExportTraceServiceRequest.parseFrom(Payloads.pool(Signal.TRACES, 1, 10, 7).body(0));
    ExportTraceServiceRequest b = ExportTraceServiceRequest.parseFrom(Payloads.pool(Signal.TRACES, 1, 10, 7).body(0));
    assertEquals(a.getResourceSpans(0).getScopeSpans(0).getSpans(3).getSpanId(),
        b.getResourceSpans(0).getScopeSpans(0).getSpans(3).getSpanId());
  }

  @Test
  void everyLogRequestHoldsAHundredRecordsTaggedWithAReq() throws Exception {
    for (byte[] body : Payloads.pool(Signal.LOGS).bodies()) {
      ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
      assertEquals(100, OtlpRequests.logRecordCount(request));
      request.getResourceLogs(0).getScopeLogs(0).getLogRecordsList().forEach(record ->
          assertTrue(attribute(record.getAttributesList(), "req").startsWith("REQ-")));
    }
  }

  @Test
  void everyMetricRequestHoldsAHundredPointsInGaugesAndSums() throws Exception {
    for (byte[] body : Payloads.pool(Signal.METRICS).bodies()) {
      ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
      assertEquals(100, OtlpRequests.dataPointCount(request));
      List<Metric> metrics = request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList();
      assertEquals(5, metrics.stream().filter(Metric::hasGauge).count());
      assertEquals(5, metrics.stream().filter(Metric::hasSum).count());
    }
  }

  @Test
  void itemCountsThatDoNotDivideEvenlyStillAddUp() throws Exception {
    assertEquals(37, OtlpRequests.spanCount(
        ExportTraceServiceRequest.parseFrom(Payloads.pool(Signal.TRACES, 1, 37, 1).body(0))));
    assertEquals(37, OtlpRequests.dataPointCount(
        ExportMetricsServiceRequest.parseFrom(Payloads.pool(Signal.METRICS, 1, 37, 1).body(0))));
    assertEquals(3, OtlpRequests.dataPointCount(
        ExportMetricsServiceRequest.parseFrom(Payloads.pool(Signal.METRICS, 1, 3, 1).body(0))));
  }

  @Test
  void thePoolHandsOutItsRequestsInTurn() {
    PayloadPool pool = Payloads.pool(Signal.LOGS, 3, 1, 1);
    assertArrayEquals(pool.body(0), pool.body(3));
    assertArrayEquals(pool.body(2), pool.body(-1));
  }

  @Test
  void anEmptyPoolIsRefused() {
    assertEquals("a pool needs at least one request of at least one item, was 0 requests of 100",
        assertThrows(IllegalArgumentException.class, () -> Payloads.pool(Signal.TRACES, 0, 100, 1)).getMessage());
  }

  private static String attribute(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(kv -> kv.getKey().equals(key)).findFirst().orElseThrow()
        .getValue().getStringValue();
  }
}
