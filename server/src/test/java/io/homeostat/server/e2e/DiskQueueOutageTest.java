package io.homeostat.server.e2e;

import static io.homeostat.server.e2e.ChildServer.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code otlp} exporter with {@code sending_queue.storage}, pointed at a second Homeostat
 * that is down: what the first one accepted survives SIGKILL and a damaged segment file, and
 * reaches the second one once it is up.
 */
class DiskQueueOutageTest {

  private static final int SPANS_PER_REQUEST = 100;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path dir;

  private int grpcPort;
  private int adminPort;
  private int backPort;

  /** The front server's config: an otlp exporter with a disk queue, to a back that is down. */
  private Path frontConfig(String queue) throws IOException {
    grpcPort = RunningServer.freePort();
    adminPort = RunningServer.freePort();
    backPort = RunningServer.freePort();
    return Files.writeString(dir.resolve("front.yaml"), """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:%d" } } }
        exporters:
          otlp:
            endpoint: "127.0.0.1:%d"
            tls: { insecure: true }
            timeout: 60s   # a send that outlasts the timeout is retried: a duplicate, not a loss
            sending_queue: %s
            retry_on_failure: { initial_interval: 50ms, max_interval: 500ms, max_elapsed_time: 0 }
        service:
          admin: { endpoint: "127.0.0.1:%d" }
          shutdown_timeout: 1s
          pipelines:
            traces: { receivers: [otlp], exporters: [otlp] }
        """.formatted(grpcPort, backPort, queue, adminPort));
  }

  private RunningServer startBack() throws Exception {
    return RunningServer.start(dir, "back.yaml", """
        receivers:
          otlp: { protocols: { grpc: { endpoint: "127.0.0.1:%d" } } }
        exporters:
          file: { path: back.jsonl }
        service:
          admin: { endpoint: "127.0.0.1:0" }
          pipelines:
            traces: { receivers: [otlp], exporters: [file] }
        """.formatted(backPort));
  }

  /** Sends {@code requests} requests of spans numbered from 0; each one is accepted. */
  private void send(int requests) {
    try (Senders client = new Senders(grpcPort)) {
      for (int i = 0; i < requests; i++) {
        client.sendWithRetries(Senders.spans((long) i * SPANS_PER_REQUEST, SPANS_PER_REQUEST));
      }
    }
  }

  /** How many times each span number arrived at the back. */
  private Map<Long, Long> arrived() throws IOException {
    return TelemetryFile.spans(dir.resolve("back.jsonl")).stream()
        .collect(Collectors.groupingBy(Senders::number, Collectors.counting()));
  }

  private static void awaitDelivery(RunningServer back, long spans) {
    within(DELIVERY_TIMEOUT, spans + " spans to reach the back",
        () -> back.metric("homeostat_exporter_sent_spans_total", "exporter", "file") >= spans);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("queue/otlp"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".seg")).sorted().toList();
    }
  }

  @Test
  void everythingAcceptedBeforeASigkillArrivesOnceTheBackIsUp() throws Exception {
    int requests = 1000;
    long spans = (long) requests * SPANS_PER_REQUEST;
    Path config = frontConfig("{ storage: queue, queue_size: 2000 }");
    try (ChildServer front = ChildServer.start(config, adminPort, dir.resolve("front-1.log"))) {
      send(requests);
      front.kill();
    }
    assertTrue(segments().size() > 0, "no segment in " + dir.resolve("queue/otlp"));

    try (RunningServer back = startBack()) {
      try (ChildServer front = ChildServer.start(config, adminPort, dir.resolve("front-2.log"))) {
        assertTrue(front.log().contains("exporter otlp resumes its disk queue "
            + dir.resolve("queue/otlp") + ": " + requests + " requests to send"), front.log());
        within(DELIVERY_TIMEOUT, "a part of the queue to reach the back", () -> back.metric(
            "homeostat_receiver_accepted_spans_total", "receiver", "otlp", "transport", "grpc")
            >= spans / 4);
        front.kill();
      }
      try (ChildServer front = ChildServer.start(config, adminPort, dir.resolve("front-3.log"))) {
        within(DELIVERY_TIMEOUT, "the front's queue to be delivered", () -> delivered(front));
        assertEquals(0.0, front.metric(
            "homeostat_exporter_queue_corrupt_bytes_total{exporter=\"otlp\"}"));
        assertEquals(0, front.stop(), front.log());
      }
      within(DELIVERY_TIMEOUT, "the back to write what it accepted", () -> back.metric(
          "homeostat_exporter_sent_spans_total", "exporter", "file") == back.metric(
          "homeostat_receiver_accepted_spans_total", "receiver", "otlp", "transport", "grpc"));
    }

    Map<Long, Long> arrived = arrived();
    long total = arrived.values().stream().mapToLong(Long::longValue).sum();
    System.out.printf("DiskQueueOutageTest: %d spans sent, %d arrived, %d distinct, "
        + "%d duplicates%n", spans, total, arrived.size(), total - arrived.size());
    assertEquals(spans, arrived.size());
    assertEquals(spans - 1, (long) new TreeSet<>(arrived.keySet()).last());
  }

  /** True once nothing waits in the front's queue and nothing is in flight. */
  private static boolean delivered(ChildServer front) {
    try {
      return front.metric("homeostat_exporter_queue_size{exporter=\"otlp\"}") == 0
          && front.metric("homeostat_exporter_queue_oldest_age_seconds{exporter=\"otlp\"}") == 0;
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aDamagedSegmentIsReportedAndTheRestOfTheQueueIsDelivered() throws Exception {
    int requests = 200;
    Path config = frontConfig("{ storage: queue, segment_size: 64KiB }");
    try (ChildServer front = ChildServer.start(config, adminPort, dir.resolve("front-1.log"))) {
      send(requests);
      assertEquals(0, front.stop(), front.log());
      assertTrue(front.log().contains("exporter otlp stopped with data it has not delivered "
          + "yet, kept in its disk queue " + dir.resolve("queue/otlp") + " and sent after the "
          + "restart: traces: 200 requests (20000 spans)"), front.log());
    }
    List<Path> segments = segments();
    assertTrue(segments.size() > 2, segments.toString());
    Path damaged = segments.get(0);
    try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
      file.seek(file.length() / 2);
      file.write(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
    }

    long resumed;
    try (ChildServer front = ChildServer.start(config, adminPort, dir.resolve("front-2.log"))) {
      String log = front.log();
      assertTrue(log.contains("exporter otlp: the disk queue file " + damaged + " has a record "
          + "that does not check at byte "), log);
      assertTrue(log.contains("; skipped the rest of the file, "), log);
      assertTrue(front.metric(
          "homeostat_exporter_queue_corrupt_bytes_total{exporter=\"otlp\"}") > 0);
      Matcher resumes = Pattern.compile("exporter otlp resumes its disk queue "
          + Pattern.quote(dir.resolve("queue/otlp").toString()) + ": (\\d+) requests to send")
          .matcher(log);
      assertTrue(resumes.find(), log);
      resumed = Long.parseLong(resumes.group(1));
      assertTrue(resumed > 0 && resumed < requests, resumed + " requests resumed");
      try (RunningServer back = startBack()) {
        awaitDelivery(back, resumed * SPANS_PER_REQUEST);
      }
      assertEquals(0, front.stop(), front.log());
    }

    // What is lost is one run of whole requests, from the damaged one to the end of its file.
    TreeSet<Long> requestsArrived = arrived().keySet().stream()
        .map(span -> span / SPANS_PER_REQUEST).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(resumed, requestsArrived.size());
    List<Long> lost = Stream.iterate(0L, r -> r + 1).limit(requests)
        .filter(r -> !requestsArrived.contains(r)).toList();
    assertTrue(lost.get(0) > 0, "the damaged file's first request arrived");
    assertEquals(lost.get(0) + lost.size() - 1, (long) lost.get(lost.size() - 1),
        "one run: " + lost);
    assertEquals(requests - 1, (long) requestsArrived.last());
    assertTrue(arrived().values().stream().allMatch(n -> n == 1), "each span once");
  }
}
