package io.homeostat.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import org.junit.jupiter.api.Test;

class SendResultTest {

  @Test
  void anEmptyAnswerRejectedNothing() {
    assertEquals(0, SendResult.Accepted.of(new byte[0]).rejectedItems());
    assertEquals(0, SendResult.Accepted.of(null).rejectedItems());
  }

  @Test
  void thePartialSuccessOfEverySignalIsRead() {
    assertEquals(3, SendResult.Accepted.of(ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(3)).build().toByteArray())
        .rejectedItems());
    assertEquals(4, SendResult.Accepted.of(ExportMetricsServiceResponse.newBuilder()
        .setPartialSuccess(ExportMetricsPartialSuccess.newBuilder().setRejectedDataPoints(4)).build().toByteArray())
        .rejectedItems());
    assertEquals(5, SendResult.Accepted.of(ExportLogsServiceResponse.newBuilder()
        .setPartialSuccess(ExportLogsPartialSuccess.newBuilder().setRejectedLogRecords(5)).build().toByteArray())
        .rejectedItems());
  }

  @Test
  void anUnreadableAnswerToASuccessCountsAsAllTaken() {
    assertEquals(0, SendResult.Accepted.of(new byte[] {(byte) 0xff}).rejectedItems());
  }
}
