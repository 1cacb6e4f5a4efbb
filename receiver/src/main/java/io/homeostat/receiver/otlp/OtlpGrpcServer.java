package io.homeostat.receiver.otlp;

import com.google.protobuf.Message;
import com.google.rpc.Code;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.GrpcConfig;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Function;

/**
 * The OTLP/gRPC listener: the {@code Export} method of each signal's service, for the signals some
 * pipeline uses; a service not registered answers {@code UNIMPLEMENTED}, as gRPC does for any
 * unknown method.
 */
final class OtlpGrpcServer {

  private OtlpGrpcServer() {}

  /** Binds and starts; the exception's message names the listener and the endpoint. */
  static Server start(String name, GrpcConfig config, Map<Signal, SignalIntake> intakes,
      RateLimitedLog warnings) throws IOException {
    NettyServerBuilder builder = NettyServerBuilder.forAddress(config.endpoint().toSocketAddress())
        .maxInboundMessageSize(config.maxRecvMsgSizeBytes())
        // Calls run on the transport's event loops instead of a pool: gRPC's marshaller decodes
        // the request, the intake checks it and hands it to a consumer that never blocks, and
        // the answer is sent later from the completion, so no call holds a thread. A pool would
        // only add a hand-off per call; the event loops bound concurrency as a bounded pool would.
        .directExecutor();
    if (config.maxConcurrentStreams() > 0) {
      builder.maxConcurrentCallsPerConnection(config.maxConcurrentStreams());
    }
    intakes.forEach((signal, intake) -> builder.addService(service(intake, warnings)));
    try {
      return builder.build().start();
    } catch (IOException e) {
      throw new IOException("cannot listen on " + config.endpoint() + " for " + name + ": "
          + e.getMessage() + " (change its endpoint, or stop what holds the port)", e);
    }
  }

  private static ServerServiceDefinition service(SignalIntake intake, RateLimitedLog warnings) {
    return switch (intake.signal()) {
      case TRACES -> service(TraceServiceGrpc.getExportMethod(), ExportResponses::traces, intake,
          warnings);
      case METRICS -> service(MetricsServiceGrpc.getExportMethod(), ExportResponses::metrics,
          intake, warnings);
      case LOGS -> service(LogsServiceGrpc.getExportMethod(), ExportResponses::logs, intake,
          warnings);
    };
  }

  /**
   * Serves the generated {@code method} with its request marshaller wrapped so that a body that
   * does not decode reaches the handler as a failure, to be answered {@code INVALID_ARGUMENT} (not
   * retried): an exception thrown from a marshaller would be answered {@code UNKNOWN} and logged
   * by gRPC once per call. The service is built by name, since a generated service descriptor
   * only takes its own method instances.
   */
  private static <Q extends Message, R extends Message> ServerServiceDefinition service(
      MethodDescriptor<Q, R> method, Function<Outcome.Accepted, R> response, SignalIntake intake,
      RateLimitedLog warnings) {
    MethodDescriptor<Decoded<Q>, R> decoding = method.toBuilder(
        new DecodingMarshaller<>(method.getRequestMarshaller(), intake.signal(), warnings),
        method.getResponseMarshaller()).build();
    return ServerServiceDefinition.builder(method.getServiceName())
        .addMethod(decoding, ServerCalls.asyncUnaryCall(new Export<>(intake, response)))
        .build();
  }

  /** A request as the marshaller decoded it, or why it could not (then {@code request} is null). */
  private record Decoded<Q>(Q request, String failure) {}

  /** One {@code Export} call: hand the request on, answer from the completion. */
  private static final class Export<Q extends Message, R extends Message>
      implements ServerCalls.UnaryMethod<Decoded<Q>, R> {
    private final SignalIntake intake;
    private final Function<Outcome.Accepted, R> response;

    Export(SignalIntake intake, Function<Outcome.Accepted, R> response) {
      this.intake = intake;
      this.response = response;
    }

    @Override
    public void invoke(Decoded<Q> decoded, StreamObserver<R> observer) {
      if (decoded.failure() != null) {
        observer.onError(Status.INVALID_ARGUMENT.withDescription(decoded.failure())
            .asRuntimeException());
        return;
      }
      // The completion may run after the client gave up; answering a cancelled call must then be
      // a no-op, not an exception on the pipeline thread that completes it.
      ((ServerCallStreamObserver<R>) observer).setOnCancelHandler(() -> { });
      intake.submit(decoded.request(), outcome -> answer(observer, outcome));
    }

    private void answer(StreamObserver<R> observer, Outcome outcome) {
      if (outcome instanceof Outcome.Accepted accepted) {
        observer.onNext(response.apply(accepted));
        observer.onCompleted();
      } else if (outcome instanceof Outcome.Refused refused) {
        observer.onError(StatusProto.toStatusRuntimeException(ExportResponses.refused(refused)));
      } else {
        observer.onError(StatusProto.toStatusRuntimeException(ExportResponses.status(
            Code.INVALID_ARGUMENT, ((Outcome.Invalid) outcome).message())));
      }
    }
  }

  /** gRPC's protobuf marshaller, with a failed decode handed on instead of thrown. */
  private static final class DecodingMarshaller<Q>
      implements MethodDescriptor.Marshaller<Decoded<Q>> {
    private final MethodDescriptor.Marshaller<Q> generated;
    private final Signal signal;
    private final RateLimitedLog warnings;

    DecodingMarshaller(MethodDescriptor.Marshaller<Q> generated, Signal signal,
        RateLimitedLog warnings) {
      this.generated = generated;
      this.signal = signal;
      this.warnings = warnings;
    }

    @Override
    public InputStream stream(Decoded<Q> value) {
      return generated.stream(value.request());
    }

    @Override
    public Decoded<Q> parse(InputStream stream) {
      try {
        return new Decoded<>(generated.parse(stream), null);
      } catch (StatusRuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        warnings.warn("grpc-malformed-" + signal.configName(),
            "refused a malformed OTLP/gRPC request; check the client's exporter", cause);
        return new Decoded<>(null, "cannot decode the OTLP/gRPC " + signal.configName()
            + " request as protobuf: " + cause.getMessage());
      }
    }
  }
}
