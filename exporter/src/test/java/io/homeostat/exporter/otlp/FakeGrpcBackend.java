package io.homeostat.exporter.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OTLP/gRPC backend on 127.0.0.1 for tests: records each call's request and metadata, and can
 * fail a chosen number of calls, hold calls until released, or answer with a partial success.
 */
final class FakeGrpcBackend implements AutoCloseable {

  /** One call as the backend saw it. */
  record Call(Signal signal, Message request, Metadata headers) {
    String header(String name) {
      return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
  }

  private static final Context.Key<Metadata> HEADERS = Context.key("headers");

  final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile Status.Code failure = Status.Code.UNAVAILABLE;
  private volatile Duration retryDelay;
  private volatile long rejected;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final Server server;

  FakeGrpcBackend(ServerCredentials credentials) throws IOException {
    ServerInterceptor captureHeaders = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call,
            headers, next);
      }
    };
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    NettyServerBuilder builder = credentials == null ? NettyServerBuilder.forAddress(address)
        : NettyServerBuilder.forAddress(address, credentials);
    server = builder
        .addService(ServerInterceptors.intercept(new Traces(), captureHeaders))
        .addService(ServerInterceptors.intercept(new Metrics(), captureHeaders))
        .addService(ServerInterceptors.intercept(new Logs(), captureHeaders))
        .build().start();
  }

  FakeGrpcBackend() throws IOException {
    this(null);
  }

  /** {@code host:port} to configure the exporter with. */
  String endpoint() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Fails the next {@code times} calls with {@code code}, and a RetryInfo when delay is set. */
  void failNext(int times, Status.Code code, Duration delay) {
    failure = code;
    retryDelay = delay;
    failuresLeft.set(times);
  }

  /** Answers calls with a partial success that rejects {@code items}. */
  void rejectEach(long items) {
    rejected = items;
  }

  /** Holds every call until the returned latch is released. */
  CountDownLatch hold() {
    gate = new CountDownLatch(1);
    return gate;
  }

  Call nextCall() throws InterruptedException {
    Call call = calls.poll(10, TimeUnit.SECONDS);
    if (call == null) {
      throw new AssertionError("the backend received no call within 10s");
    }
    return call;
  }

  private <R> void answer(Signal signal, Message request, R ok, R partial,
      StreamObserver<R> observer) {
    calls.add(new Call(signal, request, HEADERS.get()));
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failuresLeft.getAndDecrement() > 0) {
      com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
          .setCode(failure.value()).setMessage("test failure " + failure);
      Duration delay = retryDelay;
      if (delay != null) {
        status.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(
            com.google.protobuf.Duration.newBuilder().setSeconds(delay.getSeconds())
                .setNanos(delay.getNano())).build()));
      }
      observer.onError(StatusProto.toStatusRuntimeException(status.build()));
      return;
    }
    observer.onNext(rejected > 0 ? partial : ok);
    observer.onCompleted();
  }

  private final class Traces extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(ExportTraceServiceRequest request,
        StreamObserver<ExportTraceServiceResponse> observer) {
      answer(Signal.TRACES, request, ExportTraceServiceResponse.getDefaultInstance(),
          ExportTraceServiceResponse.newBuilder().setPartialSuccess(ExportTracePartialSuccess
              .newBuilder().setRejectedSpans(rejected).setErrorMessage("spans without names"))
              .build(), observer);
    }
  }

  private final class Metrics extends MetricsServiceGrpc.MetricsServiceImplBase {
    @Override
    public void export(ExportMetricsServiceRequest request,
        StreamObserver<ExportMetricsServiceResponse> observer) {
      answer(Signal.METRICS, request, ExportMetricsServiceResponse.getDefaultInstance(),
          ExportMetricsServiceResponse.getDefaultInstance(), observer);
    }
  }

  private final class Logs extends LogsServiceGrpc.LogsServiceImplBase {
    @Override
    public void export(ExportLogsServiceRequest request,
        StreamObserver<ExportLogsServiceResponse> observer) {
      answer(Signal.LOGS, request, ExportLogsServiceResponse.getDefaultInstance(),
          ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess
              .newBuilder().setRejectedLogRecords(rejected).setErrorMessage("too old")).build(),
          observer);
    }
  }

  @Override
  public void close() {
    gate.countDown();
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
