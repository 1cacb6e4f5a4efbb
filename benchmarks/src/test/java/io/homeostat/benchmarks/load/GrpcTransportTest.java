package io.homeostat.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.homeostat.core.pipeline.Signal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrpcTransportTest {

  @Test
  void theMethodIsTheSignalsExport() {
    assertEquals("opentelemetry.proto.collector.trace.v1.TraceService/Export",
        GrpcTransport.exportMethod(Signal.TRACES).getFullMethodName());
    assertEquals("opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
        GrpcTransport.exportMethod(Signal.METRICS).getFullMethodName());
    assertEquals("opentelemetry.proto.collector.logs.v1.LogsService/Export",
        GrpcTransport.exportMethod(Signal.LOGS).getFullMethodName());
  }

  @Test
  void unavailableWithRetryInfoIsRefusedWithTheDelayAsked() {
    assertEquals(new SendResult.Refused(Duration.ofMillis(1500), "UNAVAILABLE: the pipeline is full; retry later"),
        GrpcTransport.classify(Status.UNAVAILABLE.withDescription("the pipeline is full; retry later"),
            retryInfo(Code.UNAVAILABLE, "the pipeline is full; retry later", 1, 500_000_000)));
  }

  @Test
  void unavailableWithoutRetryInfoIsRefusedWithNoDelay() {
    assertEquals(new SendResult.Refused(null, "UNAVAILABLE"),
        GrpcTransport.classify(Status.UNAVAILABLE, new Metadata()));
  }

  @Test
  void resourceExhaustedIsRetriedOnlyWithRetryInfo() {
    assertEquals(new SendResult.Failed("RESOURCE_EXHAUSTED: too big"),
        GrpcTransport.classify(Status.RESOURCE_EXHAUSTED.withDescription("too big"), new Metadata()));
    assertEquals(new SendResult.Refused(Duration.ofSeconds(2), "RESOURCE_EXHAUSTED: slow down"),
        GrpcTransport.classify(Status.RESOURCE_EXHAUSTED.withDescription("slow down"),
            retryInfo(Code.RESOURCE_EXHAUSTED, "slow down", 2, 0)));
  }

  @Test
  void invalidArgumentIsNotRetried() {
    assertEquals(new SendResult.Failed("INVALID_ARGUMENT: bad span"),
        GrpcTransport.classify(Status.INVALID_ARGUMENT.withDescription("bad span"), new Metadata()));
  }

  @Test
  void deadlineExceededIsRetried() {
    assertEquals(new SendResult.Refused(null, "DEADLINE_EXCEEDED"),
        GrpcTransport.classify(Status.DEADLINE_EXCEEDED, new Metadata()));
  }

  private static Metadata retryInfo(Code code, String message, long seconds, int nanos) {
    return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
        .setCode(code.getNumber()).setMessage(message)
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos))
            .build()))
        .build()).getTrailers();
  }
}
