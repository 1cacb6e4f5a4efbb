package io.homeostat.receiver.otlp;

import io.homeostat.core.testing.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentKind;
import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.ByteSize;
import io.homeostat.core.net.Endpoint;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.GrpcConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.HttpConfig;
import io.homeostat.receiver.otlp.OtlpReceiverConfig.Protocols;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OtlpReceiverLifecycleTest {

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();

  @Test
  void theFactoryIsFoundOnTheClassPathAsOtlpForEverySignal() {
    var factory = ComponentRegistry.load().factory(ComponentKind.RECEIVER, "otlp").orElseThrow();
    assertInstanceOf(OtlpReceiverFactory.class, factory);
    assertEquals(EnumSet.allOf(Signal.class), factory.supportedSignals());
    assertEquals(OtlpReceiverConfig.class, factory.configType());
  }

  @Test
  void shutdownAnswersCallsUnderWayAndRefusesNewOnes() throws Exception {
    RunningReceiver running = RunningReceiver.start(Signal.TRACES);
    CapturingConsumer traces = running.consumer(Signal.TRACES);
    traces.hold();
    ManagedChannel channel = running.newGrpcChannel();
    ManagedChannel lateChannel = running.newGrpcChannel();
    Deadline deadline = Deadline.in(Duration.ofSeconds(10));
    Thread stopper = new Thread(() -> running.receiver.shutdown(deadline), "stopper");
    try {
      ExportTraceServiceRequest request = SdkTelemetry.traceRequest(SdkTelemetry.spans());
      var grpcCall = TraceServiceGrpc.newFutureStub(channel)
          .withDeadlineAfter(10, TimeUnit.SECONDS).export(request);
      var grpcCompletion = traces.nextHeld();
      CompletableFuture<HttpResponse<byte[]>> httpCall = client.sendAsync(post(running, request),
          HttpResponse.BodyHandlers.ofByteArray());
      var httpCompletion = traces.nextHeld();

      stopper.start();
      Await.until("shutdown waits for the calls under way",
          () -> stopper.getState() == Thread.State.TIMED_WAITING);

      StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
          () -> TraceServiceGrpc.newBlockingStub(lateChannel)
              .withDeadlineAfter(10, TimeUnit.SECONDS).export(request));
      assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
      HttpResponse<byte[]> late = client.send(post(running, request),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(503, late.statusCode());
      assertEquals("1", late.headers().firstValue("Retry-After").orElseThrow());

      grpcCompletion.complete(Outcome.ACCEPTED);
      httpCompletion.complete(new Outcome.Accepted(0, "slow pipeline"));
      assertEquals(ExportTraceServiceResponse.getDefaultInstance(),
          grpcCall.get(10, TimeUnit.SECONDS));
      HttpResponse<byte[]> answered = httpCall.get(10, TimeUnit.SECONDS);
      assertEquals(200, answered.statusCode());
      assertEquals("slow pipeline", ExportTraceServiceResponse.parseFrom(answered.body())
          .getPartialSuccess().getErrorMessage());
      stopper.join(TimeUnit.SECONDS.toMillis(10));
      assertEquals(Thread.State.TERMINATED, stopper.getState());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      lateChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      running.close();
      stopper.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  @Test
  void aBusyPortFailsTheStartNamingTheListenerAndReleasesTheOtherOne() throws Exception {
    try (RunningReceiver first = RunningReceiver.start(Signal.TRACES)) {
      int busy = first.receiver.httpAddress().getPort();
      OtlpReceiver second = (OtlpReceiver) new OtlpReceiverFactory().create(
          new ComponentSettings(ComponentId.parse("otlp/second"), new MetricRegistry(),
              Path.of(".")),
          new OtlpReceiverConfig(new Protocols(new GrpcConfig(RunningReceiver.LOOPBACK, 4, 0),
              new HttpConfig(Endpoint.parse("127.0.0.1:" + busy), ByteSize.ofMebibytes(1),
                  "/v1/traces", "/v1/metrics", "/v1/logs"))),
          Map.of(Signal.TRACES, new CapturingConsumer()));

      IOException e = assertThrows(IOException.class, second::start);
      assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + busy
          + " for receivers.otlp/second http: "), e.getMessage());
      IllegalStateException stopped = assertThrows(IllegalStateException.class,
          second::grpcAddress);
      assertEquals("the gRPC listener of otlp/second is not running", stopped.getMessage());
    }
  }

  private static HttpRequest post(RunningReceiver running, ExportTraceServiceRequest request) {
    return HttpRequest.newBuilder(URI.create(running.httpUrl("/v1/traces")))
        .header("Content-Type", "application/x-protobuf").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build();
  }
}
