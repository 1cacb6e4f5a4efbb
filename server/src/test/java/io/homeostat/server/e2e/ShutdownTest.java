package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import io.homeostat.core.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping under load keeps every promise made to clients: what was accepted is delivered. */
class ShutdownTest {

  private static final int SPANS_PER_REQUEST = 5;

  @TempDir
  Path dir;

  @Test
  void shutdownUnderLoadDeliversEveryAcceptedSpan() throws Exception {
    Set<Long> accepted = ConcurrentHashMap.newKeySet();
    AtomicLong next = new AtomicLong();
    RunningServer server = RunningServer.start(dir, "homeostat.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        exporters:
          file: { path: out.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], exporters: [file] }
        """);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      senders.add(clients.submit(() -> {
        try (Senders client = new Senders(server.grpcPort())) {
          while (true) {
            long first = next.getAndAdd(SPANS_PER_REQUEST);
            try {
              client.sendOnce(Senders.spans(first, SPANS_PER_REQUEST));
            } catch (StatusRuntimeException refusedOrGone) {
              return null;
            }
            for (long id = first; id < first + SPANS_PER_REQUEST; id++) {
              accepted.add(id);
            }
          }
        }
      }));
    }
    Await.until("the server accepts load", () -> accepted.size() >= 500);
    server.close();
    for (Future<?> sender : senders) {
      sender.get(30, TimeUnit.SECONDS);
    }
    clients.shutdown();

    Set<Long> written = TelemetryFile.spans(dir.resolve("out.jsonl")).stream().map(Senders::number)
        .collect(Collectors.toSet());
    assertTrue(written.containsAll(accepted), "accepted but not delivered: "
        + accepted.stream().filter(id -> !written.contains(id)).limit(10).toList());
  }

  @Test
  void sigtermDrainsExitsZeroAndLogsWhatCouldNotBeDelivered() throws Exception {
    int grpc = RunningServer.freePort();
    int admin = RunningServer.freePort();
    int nobody = RunningServer.freePort();
    Path config = Files.writeString(dir.resolve("homeostat.yaml"), """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:%d" } } }
        exporters:
          file: { path: out.jsonl }
          otlp/down:
            endpoint: "127.0.0.1:%d"
            tls: { insecure: true }
            retry_on_failure: { initial_interval: 100ms, max_elapsed_time: 1h }
        service:
          admin: { endpoint: "127.0.0.1:%d" }
          shutdown_timeout: 3s
          pipelines:
            traces: { receivers: [otlp], exporters: [file, otlp/down] }
        """.formatted(grpc, nobody, admin));
    try (ChildServer server = ChildServer.start(config, admin, dir.resolve("server.log"))) {
      try (Senders client = new Senders(grpc)) {
        for (int i = 0; i < 10; i++) {
          client.sendOnce(Senders.spans(i * SPANS_PER_REQUEST, SPANS_PER_REQUEST));
        }
      }
      int status = server.stop();
      String log = server.log();
      assertEquals(0, status, log);
      assertTrue(log.contains("exporter otlp/down stopped with data it could not deliver before the shutdown"
          + " deadline, now lost: traces: 10 requests (50 spans)"), log);
      assertTrue(log.contains("Homeostat stopped"), log);
      assertEquals(50, TelemetryFile.spans(dir.resolve("out.jsonl")).size());
    }
  }
}
