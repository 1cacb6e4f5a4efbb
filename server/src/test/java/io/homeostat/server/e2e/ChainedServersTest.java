package io.homeostat.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.testing.Await;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code otlp} exporter pointed at a second Homeostat, the way one instance forwards to
 * another: nothing is lost while the second one is down, and the retries are counted.
 */
class ChainedServersTest {

  private static final int REQUESTS = 20;
  private static final int SPANS_PER_REQUEST = 10;

  @TempDir
  Path dir;

  @Test
  void everythingSentWhileTheSecondInstanceWasDownArrivesOnceItIsUp() throws Exception {
    int backPort = RunningServer.freePort();
    try (RunningServer front = RunningServer.start(dir, "front.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:0" } } }
        exporters:
          otlp:
            endpoint: "127.0.0.1:%d"
            tls: { insecure: true }
            retry_on_failure: { initial_interval: 50ms, max_interval: 200ms, max_elapsed_time: 60s }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], exporters: [otlp] }
        """.formatted(backPort));
        Senders client = new Senders(front.grpcPort())) {
      for (int i = 0; i < REQUESTS; i++) {
        client.sendOnce(Senders.spans((long) i * SPANS_PER_REQUEST, SPANS_PER_REQUEST));
      }
      Await.until("the front instance retries against the instance that is down",
          () -> front.metric("homeostat_exporter_retries_total", "exporter", "otlp") >= 2);
      assertEquals(0.0, front.metric("homeostat_exporter_sent_spans_total", "exporter", "otlp"));

      try (RunningServer back = RunningServer.start(dir, "back.yaml", """
          receivers:
            otlp: { protocols: { grpc: { endpoint: "127.0.0.1:%d" } } }
          exporters:
            file: { path: back.jsonl }
          service:
            admin: { endpoint: "127.0.0.1:0" }
            pipelines:
              traces: { receivers: [otlp], exporters: [file] }
          """.formatted(backPort))) {
        Await.until("the front instance delivers its queue", () -> front.metric(
            "homeostat_exporter_sent_spans_total", "exporter", "otlp") == REQUESTS * SPANS_PER_REQUEST);
        assertEquals(0.0, front.metric("homeostat_exporter_send_failed_spans_total", "exporter", "otlp"));
        assertTrue(front.metric("homeostat_exporter_retries_total", "exporter", "otlp") >= 2);
      }
    }
    Set<Long> arrived = TelemetryFile.spans(dir.resolve("back.jsonl")).stream()
        .map(Senders::number).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(LongStream.range(0, REQUESTS * SPANS_PER_REQUEST).boxed().collect(Collectors.toSet()), arrived);
  }
}
