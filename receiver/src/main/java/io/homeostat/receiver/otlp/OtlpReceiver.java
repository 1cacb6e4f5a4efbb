package io.homeostat.receiver.otlp;

import io.grpc.Server;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.net.HttpServer;
import io.homeostat.core.pipeline.Receiver;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.GrpcConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.HttpConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code otlp} receiver: OTLP/gRPC and OTLP/HTTP listeners, each serving every signal some
 * pipeline takes from this receiver.
 */
public final class OtlpReceiver implements Receiver {

  private static final Logger log = LoggerFactory.getLogger(OtlpReceiver.class);
  /** At most one line per kind of client error in this interval. */
  private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

  private final ComponentSettings settings;
  private final OtlpReceiverConfig config;
  private final Map<Signal, RequestConsumer> consumers;
  private final RateLimitedLog warnings;
  private final InFlightCalls httpCalls = new InFlightCalls();
  private volatile Server grpc;
  private volatile HttpServer http;

  OtlpReceiver(ComponentSettings settings, OtlpReceiverConfig config,
      Map<Signal, RequestConsumer> consumers) {
    this.settings = settings;
    this.config = config;
    this.consumers = new EnumMap<>(Signal.class);
    this.consumers.putAll(consumers);
    this.warnings = new RateLimitedLog(log, WARNING_INTERVAL);
  }

  @Override
  public void start() throws IOException {
    GrpcConfig grpcConfig = config.protocols().grpc();
    HttpConfig httpConfig = config.protocols().http();
    if (grpcConfig != null) {
      grpc = OtlpGrpcServer.start(listenerName(Transport.GRPC), grpcConfig,
          intakes(Transport.GRPC), warnings);
    }
    if (httpConfig != null) {
      try {
        http = HttpServer.start(new HttpServer.Options(listenerName(Transport.HTTP),
            httpConfig.endpoint(), httpConfig.maxRequestBodySize().toIntBytes(), true, 0),
            httpHandler(httpConfig));
      } catch (IOException e) {
        if (grpc != null) {
          grpc.shutdownNow();
          grpc = null;
        }
        throw e;
      }
    }
    log.atInfo().addKeyValue("receiver", settings.id())
        .addKeyValue("grpc", grpc == null ? "off" : grpcConfig.endpoint().withPort(grpcAddress().getPort()))
        .addKeyValue("http", http == null ? "off" : httpConfig.endpoint().withPort(httpAddress().getPort()))
        .addKeyValue("signals", consumers.keySet().stream().map(Signal::configName).toList())
        .log("OTLP receiver listening");
  }

  /** The address the gRPC listener is bound to; for tests that listen on port 0. */
  public InetSocketAddress grpcAddress() {
    if (grpc == null) {
      throw new IllegalStateException("the gRPC listener of " + settings.id() + " is not running");
    }
    return (InetSocketAddress) grpc.getListenSockets().get(0);
  }

  /** The address the HTTP listener is bound to; for tests that listen on port 0. */
  public InetSocketAddress httpAddress() {
    if (http == null) {
      throw new IllegalStateException("the HTTP listener of " + settings.id() + " is not running");
    }
    return http.address();
  }

  /**
   * Stops taking new calls (gRPC answers them {@code UNAVAILABLE}, HTTP 503), lets the calls under
   * way get their answer until {@code deadline}, then closes the listeners.
   */
  @Override
  public void shutdown(Deadline deadline) {
    if (grpc != null) {
      grpc.shutdown();
    }
    httpCalls.close();
    try {
      if (grpc != null && !grpc.awaitTermination(deadline.remainingNanos(), TimeUnit.NANOSECONDS)) {
        log.atWarn().addKeyValue("receiver", settings.id())
            .log("gRPC calls still under way at the shutdown deadline are cancelled");
      }
      int unanswered = http == null ? 0 : httpCalls.awaitDrained(deadline);
      if (unanswered > 0) {
        log.atWarn().addKeyValue("receiver", settings.id()).addKeyValue("requests", unanswered)
            .log("HTTP requests still under way at the shutdown deadline lose their connection");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (grpc != null) {
        grpc.shutdownNow();
      }
      if (http != null) {
        http.shutdown(deadline);
      }
    }
  }

  private OtlpHttpHandler httpHandler(HttpConfig httpConfig) {
    Map<String, SignalIntake> routes = new LinkedHashMap<>();
    intakes(Transport.HTTP)
        .forEach((signal, intake) -> routes.put(httpConfig.path(signal), intake));
    return new OtlpHttpHandler(routes, httpCalls, warnings);
  }

  private Map<Signal, SignalIntake> intakes(Transport transport) {
    Map<Signal, SignalIntake> intakes = new EnumMap<>(Signal.class);
    consumers.forEach((signal, consumer) -> intakes.put(signal, new SignalIntake(
        settings.id().toString(), transport, signal, consumer, settings.metrics(), warnings)));
    return intakes;
  }

  private String listenerName(Transport transport) {
    return "receivers." + settings.id() + " " + transport.label();
  }
}
