package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.config.ByteSize;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.LogCapture;
import io.homeostat.exporter.TestRequests;
import io.homeostat.exporter.sending.RequestQueue.Job;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The disk queue on its own. A crash is simulated by copying the queue's files while it is open
 * (what a killed process leaves: everything written is in the page cache) and opening the copy.
 */
class DiskQueueTest {

  private static final String ID = "otlp/test";
  private static final long T0 = 1_700_000_000_000L;

  @TempDir
  Path home;

  private final MetricRegistry registry = new MetricRegistry();
  private final AtomicLong now = new AtomicLong(T0);
  private final List<DiskQueue> opened = new ArrayList<>();
  private final ExecutorService taker = Executors.newSingleThreadExecutor();
  private int crashes;

  @AfterEach
  void closeAll() throws InterruptedException {
    taker.shutdownNow();
    assertTrue(taker.awaitTermination(10, TimeUnit.SECONDS));
    for (DiskQueue queue : opened) {
      queue.close();
    }
  }

  private static QueueConfig config(int queueSize, long segmentSize, long maxSize) {
    return config(queueSize, segmentSize, maxSize, FsyncPolicy.INTERVAL);
  }

  private static QueueConfig config(int queueSize, long segmentSize, long maxSize,
      FsyncPolicy fsync) {
    return new QueueConfig(true, 1, queueSize, "queue", new ByteSize(segmentSize),
        new ByteSize(maxSize), fsync, Duration.ofMillis(10), QueueSizer.REQUESTS);
  }

  private static final QueueConfig ROOMY = config(1000, 1 << 20, 1 << 30);
  private static final QueueConfig SMALL_SEGMENTS = config(1000, 4096, 1 << 30);

  /** Opens a queue whose config file is in {@code configDir}; closed after the test. */
  private DiskQueue open(Path configDir, QueueConfig config) throws IOException {
    DiskQueue queue = new DiskQueue(
        new ComponentSettings(ComponentId.parse(ID), registry, configDir), config, now::get);
    queue.open();
    opened.add(queue);
    return queue;
  }

  private DiskQueue open(QueueConfig config) throws IOException {
    return open(home, config);
  }

  /** What a kill would leave of {@code queue}: its files as they are now, in a new home. */
  private Path crash(DiskQueue queue) throws IOException {
    Path configDir = home.resolve("after-crash-" + ++crashes);
    Path copy = configDir.resolve("queue").resolve(queue.path().getFileName());
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(queue.path())) {
      for (Path file : files.toList()) {
        if (!file.getFileName().toString().equals(QueueDirectory.LOCK)) {
          Files.copy(file, copy.resolve(file.getFileName()));
        }
      }
    }
    return configDir;
  }

  private Job take(RequestQueue queue) throws Exception {
    return taker.submit(queue::take).get(10, TimeUnit.SECONDS);
  }

  /** Takes {@code n} requests, ending each. */
  private List<Message> drain(RequestQueue queue, int n) throws Exception {
    List<Message> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Job job = take(queue);
      out.add(job.request());
      queue.done(job);
    }
    return out;
  }

  /** Five spans named after {@code n}: requests of one size that tell themselves apart. */
  private static ExportTraceServiceRequest numbered(int n) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < 5; i++) {
      scope.addSpans(Span.newBuilder().setName(String.format("request-%05d-span-%d", n, i))
          .setTraceId(TestRequests.id(16, n)).setSpanId(TestRequests.id(8, i + 1)));
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  private static final int RECORD_SIZE = RecordFormat.HEAD + numbered(0).getSerializedSize();

  private static List<Message> numbered(int from, int to) {
    return IntStream.range(from, to).mapToObj(DiskQueueTest::numbered)
        .map(Message.class::cast).toList();
  }

  private static void offerAll(RequestQueue queue, List<Message> requests) {
    for (Message request : requests) {
      assertTrue(queue.offer(Signal.TRACES, request, 5));
    }
  }

  private static List<Path> segmentFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> Segment.baseOf(f) >= 0).sorted().toList();
    }
  }

  /** The first segment file of the queue copied to {@code configDir} by {@link #crash}. */
  private static Path firstSegment(Path configDir) throws IOException {
    return segmentFiles(configDir.resolve("queue/otlp-test")).get(0);
  }

  private double metric(String name) {
    return registry.value(name, "exporter", ID);
  }

  @Test
  void requestsComeBackInOrderWithTheirSignalAndItems() throws Exception {
    DiskQueue queue = open(ROOMY);
    assertTrue(queue.offer(Signal.TRACES, TestRequests.spans(1), 1));
    assertTrue(queue.offer(Signal.METRICS, TestRequests.metricPoints(2), 2));
    assertTrue(queue.offer(Signal.LOGS, TestRequests.logRecords(3), 3));
    assertEquals(3, queue.size());
    assertEquals(1000, queue.capacity());

    Job first = take(queue);
    Job second = take(queue);
    Job third = take(queue);
    assertEquals(List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS),
        List.of(first.signal(), second.signal(), third.signal()));
    assertEquals(List.of(1, 2, 3), List.of(first.items(), second.items(), third.items()));
    assertEquals(List.of(TestRequests.spans(1), TestRequests.metricPoints(2),
        TestRequests.logRecords(3)), List.of(first.request(), second.request(), third.request()));
    assertEquals(0, queue.size());
    assertEquals("otlp-test", queue.path().getFileName().toString());
    assertEquals(home.resolve("queue"), queue.path().getParent());
  }

  @Test
  void sendersThatKeepUpTakeRequestsFromMemoryAndThoseBehindReadThemFromDisk() throws Exception {
    DiskQueue queue = open(ROOMY);
    List<Message> offered = numbered(0, 5);
    offerAll(queue, offered);

    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(take(queue));
    }
    assertEquals(offered, jobs.stream().map(Job::request).toList());
    // One sender: the last two requests written are held in memory, the others were read back.
    assertNotSame(offered.get(2), jobs.get(2).request());
    assertSame(offered.get(3), jobs.get(3).request());
    assertSame(offered.get(4), jobs.get(4).request());
  }

  @Test
  void aSegmentFullAtSegmentSizeIsFollowedByOneNamedAfterItsEnd() throws Exception {
    DiskQueue queue = open(SMALL_SEGMENTS);
    List<Message> offered = numbered(0, 40);
    offerAll(queue, offered);

    List<Path> files = segmentFiles(queue.path());
    int perSegment = (4096 - Segment.HEADER) / RECORD_SIZE;
    assertEquals((40 + perSegment - 1) / perSegment, files.size());
    long base = 0;
    for (Path file : files) {
      assertEquals(base, Segment.baseOf(file));
      assertTrue(Files.size(file) <= 4096, file + " is " + Files.size(file) + " bytes");
      base += Files.size(file);
    }
    assertEquals(base, metric("homeostat_exporter_queue_bytes"));
    assertEquals(offered, drain(queue, 40));
  }

  @Test
  void segmentsWhollyDeliveredAreDeletedOnceTheCheckpointPassesThem() throws Exception {
    DiskQueue queue = open(SMALL_SEGMENTS);
    offerAll(queue, numbered(0, 40));
    int files = segmentFiles(queue.path()).size();
    drain(queue, 20);
    queue.checkpoint();

    List<Path> left = segmentFiles(queue.path());
    int perSegment = (4096 - Segment.HEADER) / RECORD_SIZE;
    assertEquals(files - 20 / perSegment, left.size());
    assertEquals(left.stream().mapToLong(f -> f.toFile().length()).sum(),
        metric("homeostat_exporter_queue_bytes"));

    drain(queue, 20);
    queue.checkpoint();
    assertEquals(1, segmentFiles(queue.path()).size());
  }

  @Test
  void theCheckpointStopsAtTheLowestRequestStillInFlight() throws Exception {
    DiskQueue queue = open(ROOMY);
    List<Message> offered = numbered(0, 4);
    offerAll(queue, offered);
    Job a = take(queue);
    Job b = take(queue);
    Job c = take(queue);
    queue.done(c);
    queue.done(b);
    queue.checkpoint();

    DiskQueue afterCrash = open(crash(queue), ROOMY);
    assertEquals(4, afterCrash.size());
    assertEquals(offered, drain(afterCrash, 4));

    queue.done(a);
    queue.checkpoint();
    DiskQueue afterSecondCrash = open(crash(queue), ROOMY);
    assertEquals(1, afterSecondCrash.size());
    assertEquals(List.of(offered.get(3)), drain(afterSecondCrash, 1));
  }

  @Test
  void aQueueLeftOpenByACrashResumesAtTheCheckpointWithNothingLost() throws Exception {
    DiskQueue queue = open(SMALL_SEGMENTS);
    List<Message> offered = numbered(0, 30);
    offerAll(queue, offered.subList(0, 25));
    drain(queue, 12);
    queue.checkpoint();
    offerAll(queue, offered.subList(25, 30));

    try (LogCapture logs = new LogCapture()) {
      DiskQueue afterCrash = open(crash(queue), SMALL_SEGMENTS);
      assertEquals(18, afterCrash.size());
      assertEquals(offered.subList(12, 30), drain(afterCrash, 18));
      assertEquals(1, logs.lines("exporter otlp/test resumes its disk queue "
          + afterCrash.path() + ": 18 requests to send").size());
    }
    assertEquals(0.0, metric("homeostat_exporter_queue_corrupt_bytes_total"));
  }

  @Test
  void aTornLastRecordIsCutAndReportedAndTheRecordsBeforeItAreSent() throws Exception {
    DiskQueue queue = open(ROOMY);
    List<Message> offered = numbered(0, 3);
    offerAll(queue, offered);
    Path copy = crash(queue);
    Path segment = firstSegment(copy);
    long torn = Segment.HEADER + 2L * RECORD_SIZE;
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(torn + RECORD_SIZE - 5);
    }

    try (LogCapture logs = new LogCapture()) {
      DiskQueue afterCrash = open(copy, ROOMY);
      assertEquals(List.of("exporter otlp/test: the disk queue file " + segment + " has a record "
          + "that does not check at byte " + torn + " (its length " + (RECORD_SIZE - 8)
          + " runs past the end of the file (" + (RECORD_SIZE - 5 - 8) + " bytes left): it was "
          + "torn while being written); cut the file there, dropping " + (RECORD_SIZE - 5)
          + " bytes. At the end of the newest file this is what a crash or a power loss leaves "
          + "of a write; the client of a request torn this way was not answered and sends it "
          + "again"), logs.lines("does not check").stream()
              .map(line -> line.substring(line.indexOf("exporter otlp/test"))).toList());
      assertEquals(offered.subList(0, 2), drain(afterCrash, 2));
      assertEquals(0, afterCrash.size());
    }
    assertEquals(torn, Files.size(segment));
    assertEquals(RECORD_SIZE - 5.0, metric("homeostat_exporter_queue_corrupt_bytes_total"));
  }

  @Test
  void aZeroFilledTailIsCut() throws Exception {
    DiskQueue queue = open(ROOMY);
    List<Message> offered = numbered(0, 3);
    offerAll(queue, offered);
    Path copy = crash(queue);
    Path segment = firstSegment(copy);
    long end = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(end + 4096);
    }

    try (LogCapture logs = new LogCapture()) {
      DiskQueue afterCrash = open(copy, ROOMY);
      assertEquals(1, logs.lines("has a record that does not check at byte " + end + " (its "
          + "length 0 is shorter than a record (zeros: the file was extended but never "
          + "written)); cut the file there, dropping 4096 bytes").size());
      assertEquals(offered, drain(afterCrash, 3));
    }
    assertEquals(end, Files.size(segment));
    assertEquals(4096.0, metric("homeostat_exporter_queue_corrupt_bytes_total"));
  }

  @Test
  void flippedBytesInAnOlderSegmentSkipTheRestOfItAndTheNextSegmentsAreSent() throws Exception {
    DiskQueue queue = open(SMALL_SEGMENTS);
    List<Message> offered = numbered(0, 30);
    offerAll(queue, offered);
    Path copy = crash(queue);
    Path first = firstSegment(copy);
    long damaged = Segment.HEADER + RECORD_SIZE;
    damage(first, damaged);
    int perSegment = (4096 - Segment.HEADER) / RECORD_SIZE;
    long skipped = (long) (perSegment - 1) * RECORD_SIZE;

    try (LogCapture logs = new LogCapture()) {
      DiskQueue afterCrash = open(copy, SMALL_SEGMENTS);
      List<String> lines = logs.lines("does not check");
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("exporter otlp/test: the disk queue file " + first
          + " has a record that does not check at byte " + damaged + " (its CRC32C is "), lines.get(0));
      assertTrue(lines.get(0).endsWith("; skipped the rest of the file, " + skipped + " bytes, "
          + "and went on with the next one. The requests in those bytes are lost: the file was "
          + "damaged on disk (check the device)"), lines.get(0));
      int left = 30 - (perSegment - 1);
      assertEquals(left, afterCrash.size());
      List<Message> expected = new ArrayList<>(offered.subList(0, 1));
      expected.addAll(offered.subList(perSegment, 30));
      assertEquals(expected, drain(afterCrash, left));
    }
    assertEquals((double) skipped, metric("homeostat_exporter_queue_corrupt_bytes_total"));
  }

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void everyFsyncPolicyKeepsEveryRequestAcrossSegmentsAndARestart(FsyncPolicy fsync)
      throws Exception {
    QueueConfig config = config(1000, 4096, 1 << 30, fsync);
    DiskQueue queue = open(config);
    List<Message> offered = numbered(0, 40);
    offerAll(queue, offered);
    queue.force();
    assertEquals(offered.subList(0, 10), drain(queue, 10));
    opened.remove(queue);
    queue.close();

    assertEquals(offered.subList(10, 40), drain(open(config), 30));
  }

  /** Flips a bit in the middle of the record at {@code position} of {@code file}. */
  private static void damage(Path file, long position) throws IOException {
    try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
      out.seek(position + RECORD_SIZE / 2);
      int b = out.read();
      out.seek(position + RECORD_SIZE / 2);
      out.write(b ^ 0x40);
    }
  }

  @Test
  void aRecordDamagedWhileTheQueueRunsIsSkippedWithTheRestOfItsFile() throws Exception {
    DiskQueue queue = open(SMALL_SEGMENTS);
    List<Message> offered = numbered(0, 30);
    offerAll(queue, offered);
    damage(segmentFiles(queue.path()).get(0), Segment.HEADER + RECORD_SIZE);
    int perSegment = (4096 - Segment.HEADER) / RECORD_SIZE;

    try (LogCapture logs = new LogCapture()) {
      List<Message> expected = new ArrayList<>(offered.subList(0, 1));
      expected.addAll(offered.subList(perSegment, 30));
      assertEquals(expected, drain(queue, expected.size()));
      assertEquals(0, queue.size());
      assertEquals(1, logs.lines("skipped the rest of the file, "
          + (perSegment - 1) * RECORD_SIZE + " bytes").size());
    }
  }

  @Test
  void aRecordThatChecksButCannotBeParsedIsDroppedAndCounted() throws Exception {
    DiskQueue queue = open(ROOMY);
    List<Message> offered = numbered(0, 3);
    offerAll(queue, offered);
    Path copy = crash(queue);
    Path segment = firstSegment(copy);
    long second = Segment.HEADER + RECORD_SIZE;
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      byte[] body = new byte[RECORD_SIZE - RecordFormat.FRAME];
      file.seek(second + RecordFormat.FRAME);
      file.readFully(body);
      Arrays.fill(body, RecordFormat.BODY_PREFIX, body.length, (byte) 0xff);
      CRC32C crc = new CRC32C();
      crc.update(body);
      file.seek(second + 4);
      file.writeInt((int) crc.getValue());
      file.write(body);
    }

    try (LogCapture logs = new LogCapture()) {
      DiskQueue afterCrash = open(copy, ROOMY);
      assertEquals(List.of(offered.get(0), offered.get(2)), drain(afterCrash, 2));
      assertEquals(1, logs.lines("exporter otlp/test dropped a traces request of its disk queue "
          + "in " + afterCrash.path() + " that checks but cannot be parsed").size());
      afterCrash.checkpoint();
      opened.remove(afterCrash);
      assertEquals(0, afterCrash.close().requests());
    }
    assertEquals((double) RECORD_SIZE, metric("homeostat_exporter_queue_corrupt_bytes_total"));
  }

  @Test
  void aCheckpointThatCannotBeReadSendsEverythingAgain() throws Exception {
    DiskQueue queue = open(ROOMY);
    List<Message> offered = numbered(0, 3);
    offerAll(queue, offered);
    drain(queue, 2);
    queue.checkpoint();
    Path copy = crash(queue);
    Files.write(copy.resolve("queue/otlp-test/checkpoint"), new byte[] {1, 2, 3});

    try (LogCapture logs = new LogCapture()) {
      DiskQueue afterCrash = open(copy, ROOMY);
      assertEquals(1, logs.lines("exporter otlp/test: the disk queue's checkpoint "
          + copy.resolve("queue/otlp-test/checkpoint") + " cannot be read (it holds 3 bytes, "
          + "not 20); sending its queue again from the first segment: the backend may receive "
          + "some requests twice").size());
      assertEquals(offered, drain(afterCrash, 3));
    }
  }

  @Test
  void aFullQueueRefusesUntilASenderTakesARequest() throws Exception {
    DiskQueue queue = open(config(2, 1 << 20, 1 << 30));
    offerAll(queue, numbered(0, 2));
    assertFalse(queue.offer(Signal.TRACES, numbered(2), 5));
    assertEquals("its disk queue is full (2 requests). The backend is slow or unreachable (see "
        + "the failures logged before this), or the queue is too small for the load: raise "
        + "sending_queue.queue_size or num_consumers", queue.refusal());

    take(queue);
    assertTrue(queue.offer(Signal.TRACES, numbered(2), 5));
  }

  @Test
  void aQueueAtMaxSizeRefusesUntilDeliveredSegmentsAreDeleted() throws Exception {
    DiskQueue queue = open(config(1000, 4096, 8192));
    int accepted = 0;
    while (queue.offer(Signal.TRACES, numbered(accepted), 5)) {
      accepted++;
    }
    assertEquals("its disk queue in " + queue.path() + " is full (8KiB on disk, its max_size). "
        + "The backend is slow or unreachable (see the failures logged before this): raise "
        + "sending_queue.max_size", queue.refusal());
    assertTrue(metric("homeostat_exporter_queue_bytes") <= 8192);
    int perSegment = (4096 - Segment.HEADER) / RECORD_SIZE;
    assertEquals(2 * perSegment, accepted);

    drain(queue, accepted);
    // The queue's own checkpoint thread may already have deleted the delivered segments; either
    // way, after a checkpoint their room is free again.
    queue.checkpoint();
    assertTrue(queue.offer(Signal.TRACES, numbered(accepted), 5));
  }

  @Test
  void closeKeepsWhatWasNotDeliveredAndTheNextOpenSendsIt() throws Exception {
    DiskQueue queue = open(ROOMY);
    offerAll(queue, numbered(0, 2));
    assertTrue(queue.offer(Signal.LOGS, TestRequests.logRecords(4), 4));
    Job abandoned = take(queue);
    queue.abandon(abandoned);
    opened.remove(queue);

    Unsent kept = queue.close();

    assertTrue(kept.kept());
    assertEquals(queue.path(), kept.keptIn());
    assertEquals("traces: 2 requests (10 spans), logs: 1 request (4 log records)",
        kept.describe());
    assertTrue(Double.isNaN(metric("homeostat_exporter_queue_bytes")), "gauge removed");
    DiskQueue reopened = open(ROOMY);
    assertEquals(List.of(numbered(0), numbered(1), TestRequests.logRecords(4)),
        drain(reopened, 3));
  }

  @Test
  void theOldestAgeIsThatOfTheFirstRequestNotYetDelivered() throws Exception {
    DiskQueue queue = open(ROOMY);
    assertEquals(0.0, metric("homeostat_exporter_queue_oldest_age_seconds"));
    for (int i = 0; i < 3; i++) {
      now.set(T0 + i * 1000L);
      assertTrue(queue.offer(Signal.TRACES, numbered(i), 5));
    }
    now.set(T0 + 5000);
    assertEquals(5.0, metric("homeostat_exporter_queue_oldest_age_seconds"));
    Job first = take(queue);
    assertEquals(5.0, metric("homeostat_exporter_queue_oldest_age_seconds"));
    queue.done(first);
    assertEquals(4.0, metric("homeostat_exporter_queue_oldest_age_seconds"));
    drain(queue, 2);
    assertEquals(0.0, metric("homeostat_exporter_queue_oldest_age_seconds"));
  }

  @Test
  void aSecondQueueOnTheSameDirectoryIsRefused() throws Exception {
    DiskQueue queue = open(ROOMY);
    IOException e = assertThrows(IOException.class, () -> open(ROOMY));
    assertEquals("exporter otlp/test cannot open its disk queue " + queue.path() + ": another "
        + "exporter or Homeostat process uses it (and holds " + queue.path().resolve("lock")
        + "): give each server its own sending_queue.storage", e.getMessage());
  }

  @Test
  void aStorageThatIsAFileIsRefusedWithWhatToCheck() throws Exception {
    Files.writeString(home.resolve("queue"), "not a directory");
    IOException e = assertThrows(IOException.class, () -> open(ROOMY));
    Path dir = home.resolve("queue/otlp-test");
    assertEquals("exporter otlp/test cannot open its disk queue " + dir + ": "
        + "java.nio.file.FileSystemException: " + dir + ": Not a directory; check that the "
        + "directory can be created and written", e.getMessage());
  }
}
