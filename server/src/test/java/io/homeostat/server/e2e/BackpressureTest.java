package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.homeostat.core.testing.Await;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny ring and an exporter whose backend is slow: the server refuses with a retryable answer
 * instead of buffering without bound, and a client that honours retries gets every span through.
 */
class BackpressureTest {

  private static final int THREADS = 4;
  private static final int REQUESTS_PER_THREAD = 25;
  private static final int SPANS_PER_REQUEST = 10;

  @TempDir
  Path dir;

  @Test
  void aClientThatRetriesGetsEverythingThroughAndTheRefusalsAreCounted() throws Exception {
    SlowBackend backend = new SlowBackend();
    try (backend; RunningServer server = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        exporters:
          otlp:
            endpoint: "127.0.0.1:%d"
            tls: { insecure: true }
            timeout: 60s   # a send that outlasts the timeout is retried: a duplicate, not a loss
            sending_queue: { num_consumers: 1, queue_size: 2 }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          ring_size: 2
          pipelines:
            traces: { receivers: [otlp], exporters: [otlp] }
        """.formatted(backend.port()))) {
      AtomicLong maxQueued = new AtomicLong();
      AtomicInteger refusals = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long base = (long) t * REQUESTS_PER_THREAD * SPANS_PER_REQUEST;
        done.add(clients.submit(() -> {
          try (Senders client = new Senders(server.grpcPort())) {
            for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
              refusals.addAndGet(client.sendWithRetries(
                  Senders.spans(base + (long) r * SPANS_PER_REQUEST, SPANS_PER_REQUEST)));
              maxQueued.accumulateAndGet((long) server.metric("homeostat_exporter_queue_size",
                  "exporter", "otlp"), Math::max);
            }
          }
          return null;
        }));
      }
      for (Future<?> client : done) {
        client.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
      int total = THREADS * REQUESTS_PER_THREAD * SPANS_PER_REQUEST;
      Await.until("the slow backend has every span", () -> backend.spans.size() == total);

      assertTrue(refusals.get() > 0, "the server never pushed back");
      assertEquals(refusals.get() * (double) SPANS_PER_REQUEST,
          server.metric("homeostat_receiver_refused_spans_total", "receiver", "otlp", "transport", "grpc"));
      assertEquals(total, server.metric("homeostat_receiver_accepted_spans_total", "receiver", "otlp", "transport", "grpc"));
      assertTrue(maxQueued.get() <= 2, "the exporter queue grew past its capacity: " + maxQueued.get());
      assertEquals(total, backend.received.get(), "a span was delivered twice");
    }
  }

  /** An OTLP/gRPC backend that takes 20 ms per request and remembers every span id. */
  private static final class SlowBackend implements AutoCloseable {
    final Set<com.google.protobuf.ByteString> spans = ConcurrentHashMap.newKeySet();
    final AtomicInteger received = new AtomicInteger();
    private final Server server;

    SlowBackend() throws java.io.IOException {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(new TraceServiceGrpc.TraceServiceImplBase() {
            @Override
            public void export(ExportTraceServiceRequest request,
                StreamObserver<ExportTraceServiceResponse> response) {
              LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
              for (ResourceSpans resource : request.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                  for (Span span : scope.getSpansList()) {
                    spans.add(span.getSpanId());
                    received.incrementAndGet();
                  }
                }
              }
              response.onNext(ExportTraceServiceResponse.getDefaultInstance());
              response.onCompleted();
            }
          }).build().start();
    }

    int port() {
      return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
