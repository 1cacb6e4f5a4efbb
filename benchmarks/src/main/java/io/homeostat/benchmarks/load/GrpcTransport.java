package io.homeostat.benchmarks.load;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.homeostat.core.pipeline.Signal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * OTLP/gRPC with pre-encoded requests: the {@code Export} method of the signal's service, with a
 * marshaller that passes bytes through, so no message is built or encoded per call. One channel
 * (one HTTP/2 connection) carries every call, as an SDK's exporter does.
 */
public final class GrpcTransport implements Transport {

  /** How long one call may take before it counts as refused (DEADLINE_EXCEEDED is retryable). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /** The codes the OTLP specification says to retry; RESOURCE_EXHAUSTED only with RetryInfo. */
  private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.CANCELLED,
      Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED, Status.Code.OUT_OF_RANGE,
      Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

  private final ManagedChannel channel;
  private final MethodDescriptor<byte[], byte[]> export;

  public GrpcTransport(Signal signal, String host, int port) {
    this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
        // Answers are counted and released on the event loop: cheaper than a hand-off.
        .directExecutor()
        .build();
    this.export = exportMethod(signal);
  }

  static MethodDescriptor<byte[], byte[]> exportMethod(Signal signal) {
    String service = switch (signal) {
      case TRACES -> "opentelemetry.proto.collector.trace.v1.TraceService";
      case METRICS -> "opentelemetry.proto.collector.metrics.v1.MetricsService";
      case LOGS -> "opentelemetry.proto.collector.logs.v1.LogsService";
    };
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
        .setRequestMarshaller(PassThrough.INSTANCE)
        .setResponseMarshaller(PassThrough.INSTANCE)
        .build();
  }

  @Override
  public void send(byte[] body, Consumer<SendResult> onResult) {
    ClientCall<byte[], byte[]> call = channel.newCall(export,
        CallOptions.DEFAULT.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    call.start(new ClientCall.Listener<>() {
      private byte[] response;

      @Override
      public void onMessage(byte[] message) {
        response = message;
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        onResult.accept(status.isOk() ? SendResult.Accepted.of(response) : classify(status, trailers));
      }
    }, new Metadata());
    call.request(1);
    call.sendMessage(body);
    call.halfClose();
  }

  /** A failed call as the OTLP specification tells clients to treat it. */
  static SendResult classify(Status status, Metadata trailers) {
    Duration retryAfter = retryDelay(status, trailers);
    String reason = status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    boolean retryable = RETRYABLE.contains(status.getCode())
        || status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryAfter != null;
    return retryable ? new SendResult.Refused(retryAfter, reason) : new SendResult.Failed(reason);
  }

  /** The {@code RetryInfo} detail's delay, or null when the server sent none. */
  private static Duration retryDelay(Status status, Metadata trailers) {
    com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
    for (Any detail : details.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
          return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
        } catch (InvalidProtocolBufferException e) {
          return null;
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Hands gRPC the bytes as they are; answers are read whole. */
  private enum PassThrough implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new KnownLengthStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read a gRPC answer", e);
      }
    }
  }

  /**
   * Lets gRPC frame the message with its length known and write the array straight to the
   * transport, instead of copying it into a buffer first.
   */
  private static final class KnownLengthStream extends ByteArrayInputStream
      implements KnownLength, Drainable {

    KnownLengthStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int length = count - pos;
      target.write(buf, pos, length);
      pos = count;
      return length;
    }
  }
}
