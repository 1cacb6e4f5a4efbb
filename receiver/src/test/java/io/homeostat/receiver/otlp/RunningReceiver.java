package io.homeostat.receiver.otlp;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.ByteSize;
import io.homeostat.core.net.Endpoint;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.GrpcConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.HttpConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.Protocols;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** An {@code otlp} receiver on loopback port 0 whose pipelines are {@link CapturingConsumer}s. */
final class RunningReceiver implements AutoCloseable {

  static final Endpoint LOOPBACK = Endpoint.parse("127.0.0.1:0");

  final MetricRegistry metrics = new MetricRegistry();
  final Map<Signal, CapturingConsumer> consumers = new EnumMap<>(Signal.class);
  final OtlpReceiver receiver;

  private RunningReceiver(OtlpReceiverConfig config, Signal... signals) throws Exception {
    Map<Signal, RequestConsumer> entries = new EnumMap<>(Signal.class);
    for (Signal signal : signals) {
      CapturingConsumer consumer = new CapturingConsumer();
      consumers.put(signal, consumer);
      entries.put(signal, consumer);
    }
    receiver = (OtlpReceiver) new OtlpReceiverFactory().create(
        new ComponentSettings(ComponentId.of("otlp"), metrics, Path.of(".")), config, entries);
    receiver.start();
  }

  /** Both protocols with their defaults but on loopback port 0, serving {@code signals}. */
  static RunningReceiver start(Signal... signals) throws Exception {
    return start(new OtlpReceiverConfig(new Protocols(grpc(4), http(ByteSize.ofMebibytes(20)))),
        signals);
  }

  static RunningReceiver start(OtlpReceiverConfig config, Signal... signals) throws Exception {
    return new RunningReceiver(config, signals);
  }

  static GrpcConfig grpc(int maxRecvMsgSizeMib) {
    return new GrpcConfig(LOOPBACK, maxRecvMsgSizeMib, 0);
  }

  static HttpConfig http(ByteSize maxRequestBodySize) {
    HttpConfig defaults = HttpConfig.defaults();
    return new HttpConfig(LOOPBACK, maxRequestBodySize, defaults.tracesUrlPath(),
        defaults.metricsUrlPath(), defaults.logsUrlPath());
  }

  CapturingConsumer consumer(Signal signal) {
    return consumers.get(signal);
  }

  String grpcUrl() {
    return "http://127.0.0.1:" + receiver.grpcAddress().getPort();
  }

  String httpUrl(String path) {
    return "http://127.0.0.1:" + receiver.httpAddress().getPort() + path;
  }

  /** A client channel to the gRPC listener; the caller shuts it down. */
  ManagedChannel newGrpcChannel() {
    return Grpc.newChannelBuilderForAddress("127.0.0.1", receiver.grpcAddress().getPort(),
        InsecureChannelCredentials.create()).build();
  }

  /** {@code homeostat_receiver_<outcome>_<items>_total} of this receiver on {@code transport}. */
  long counted(String outcome, Signal signal, Transport transport) {
    String name = "homeostat_receiver_" + outcome + "_" + signal.itemName() + "_total";
    return (long) metrics.value(name, "receiver", "otlp", "transport", transport.label());
  }

  @Override
  public void close() {
    receiver.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }
}
