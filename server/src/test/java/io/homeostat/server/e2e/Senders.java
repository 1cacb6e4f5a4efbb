package io.homeostat.server.e2e;

import com.google.protobuf.ByteString;
import com.google.rpc.RetryInfo;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A raw OTLP/gRPC client with numbered spans and the retry loop a well-behaved SDK has. */
final class Senders implements AutoCloseable {

  /** The longest a test client waits before resending, whatever RetryInfo asks. */
  private static final Duration MAX_BACKOFF = Duration.ofMillis(20);

  private final ManagedChannel channel;
  private final TraceServiceGrpc.TraceServiceBlockingStub stub;

  Senders(int port) {
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    stub = TraceServiceGrpc.newBlockingStub(channel);
  }

  /** A request of {@code count} spans whose span ids are {@code first}, {@code first + 1}, ... */
  static ExportTraceServiceRequest spans(long first, int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (long id = first; id < first + count; id++) {
      scope.addSpans(Span.newBuilder()
          .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, id + 1).array()))
          .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id + 1).array()))
          .setName("span-" + id)
          .setStartTimeUnixNano(1_795_256_100_000_000_000L + id)
          .setEndTimeUnixNano(1_795_256_100_000_000_000L + id + 1_000));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  /** The number a span was made with. */
  static long number(Span span) {
    return ByteBuffer.wrap(span.getSpanId().toByteArray()).getLong() - 1;
  }

  /** Sends once; throws the gRPC failure. */
  void sendOnce(ExportTraceServiceRequest request) {
    stub.withDeadlineAfter(10, TimeUnit.SECONDS).export(request);
  }

  /**
   * Sends until the server accepts, waiting between attempts as RetryInfo asks (capped); returns
   * how many times the request was refused.
   */
  int sendWithRetries(ExportTraceServiceRequest request) {
    int refusals = 0;
    while (true) {
      try {
        sendOnce(request);
        return refusals;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE || refusals > 10_000) {
          throw e;
        }
        refusals++;
        LockSupport.parkNanos(Math.min(MAX_BACKOFF.toNanos(), retryDelay(e).toNanos()));
      }
    }
  }

  private static Duration retryDelay(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    if (status != null) {
      for (var detail : status.getDetailsList()) {
        if (detail.is(RetryInfo.class)) {
          try {
            var delay = detail.unpack(RetryInfo.class).getRetryDelay();
            return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
          } catch (com.google.protobuf.InvalidProtocolBufferException bad) {
            throw new IllegalStateException(bad);
          }
        }
      }
    }
    return MAX_BACKOFF;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
