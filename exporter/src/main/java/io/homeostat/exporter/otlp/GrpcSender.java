package io.homeostat.exporter.otlp;

import com.google.protobuf.Message;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.Sender;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends export requests over one gRPC channel with the three OTLP services' blocking stubs. */
final class GrpcSender implements Sender {

  private final ComponentSettings settings;
  private final OtlpGrpcConfig config;
  private ManagedChannel channel;
  private TraceServiceGrpc.TraceServiceBlockingStub traces;
  private MetricsServiceGrpc.MetricsServiceBlockingStub metrics;
  private LogsServiceGrpc.LogsServiceBlockingStub logs;

  GrpcSender(ComponentSettings settings, OtlpGrpcConfig config) {
    this.settings = settings;
    this.config = config;
  }

  @Override
  public void start() throws IOException {
    Metadata headers = new Metadata();
    config.headers().forEach((name, value) ->
        headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
    channel = Grpc.newChannelBuilder("dns:///" + config.target(), credentials())
        .intercept(MetadataUtils.newAttachHeadersInterceptor(headers))
        .build();
    traces = configure(TraceServiceGrpc.newBlockingStub(channel));
    metrics = configure(MetricsServiceGrpc.newBlockingStub(channel));
    logs = configure(LogsServiceGrpc.newBlockingStub(channel));
  }

  private ChannelCredentials credentials() throws IOException {
    if (config.tls().insecure()) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder()
        .trustManager(TlsMaterial.trustManagers(config.tls(), settings));
    var keys = TlsMaterial.keyManagers(config.tls(), settings);
    if (keys != null) {
      tls.keyManager(keys);
    }
    return tls.build();
  }

  private <S extends AbstractStub<S>> S configure(S stub) {
    return config.compression() == Compression.GZIP ? stub.withCompression("gzip") : stub;
  }

  @Override
  public Outcome.Accepted send(Signal signal, Message request, Deadline deadline)
      throws ExportException {
    long nanos = deadline.remainingNanos();
    try {
      return PartialSuccess.of(switch (signal) {
        case TRACES -> traces.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS)
            .export((ExportTraceServiceRequest) request);
        case METRICS -> metrics.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS)
            .export((ExportMetricsServiceRequest) request);
        case LOGS -> logs.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS)
            .export((ExportLogsServiceRequest) request);
      });
    } catch (StatusRuntimeException e) {
      throw GrpcFailures.classify(e, signal, config.endpoint(), config.timeout());
    }
  }

  @Override
  public void shutdown() {
    if (channel != null) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
