package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.ByteSize;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.RetryClock;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ExporterThreads;
import io.homeostat.core.testing.LogCapture;
import io.homeostat.exporter.TestRequests;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueuedExporterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String ID = "otlp/test";

  private final MetricRegistry registry = new MetricRegistry();
  private final ComponentSettings settings =
      new ComponentSettings(ComponentId.parse(ID), registry, Path.of("."));
  private final FakeRetryClock clock = new FakeRetryClock();
  private final ScriptedSender sender = new ScriptedSender();
  private final CountDownLatch release = new CountDownLatch(1);
  private QueuedExporter exporter;

  /** One attempt's behaviour, by the number of the call (from 0). */
  interface Step {
    Outcome.Accepted run(int call) throws ExportException;
  }

  private static final Step REFUSED = call -> {
    throw new ExportException("connection refused", null);
  };

  /** Retries an hour apart, forever: shutdown comes before the next attempt. */
  private static final RetryConfig PATIENT = new RetryConfig(true, Duration.ofHours(1), 0, 1,
      Duration.ofHours(1), Duration.ZERO);

  static final class ScriptedSender implements Sender {
    final AtomicInteger calls = new AtomicInteger();
    final List<Message> received = new CopyOnWriteArrayList<>();
    final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    /** What each attempt's deadline had left when the attempt began. */
    final List<Long> remainingAtSend = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile Step step = call -> Outcome.ACCEPTED;

    @Override
    public Outcome.Accepted send(Signal signal, Message request, Deadline deadline)
        throws ExportException {
      received.add(request);
      deadlines.add(deadline);
      remainingAtSend.add(deadline.remainingNanos());
      return step.run(calls.getAndIncrement());
    }

    @Override
    public void shutdown() {
      closed.countDown();
    }
  }

  private QueuedExporter start(QueueConfig queue, RetryConfig retry, RetryClock retryClock)
      throws Exception {
    exporter = new QueuedExporter(settings, EnumSet.allOf(Signal.class), sender, TIMEOUT, queue,
        new Backoff(retry, () -> 0.5), retryClock);
    exporter.start();
    return exporter;
  }

  private QueuedExporter start(RetryConfig retry) throws Exception {
    return start(new QueueConfig(true, 1, 1000), retry, clock);
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
  }

  private double metric(String name) {
    return registry.value(name, "exporter", ID);
  }

  /** Blocks the sender until the test releases it, telling the test when a call arrived. */
  private Step blockingUntilReleased(CountDownLatch entered) {
    return call -> {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Outcome.ACCEPTED;
    };
  }

  /** Starts with one consumer, which takes a one-span request and holds it until released. */
  private void startHoldingAOneSpanRequest(QueueConfig queue) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    sender.step = blockingUntilReleased(entered);
    start(queue, RetryConfig.DEFAULT, clock);
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(1)));
    assertTrue(entered.await(10, TimeUnit.SECONDS));
  }

  @Test
  void deliversEachRequestAndCountsItsItemsBySignal() throws Exception {
    start(RetryConfig.DEFAULT);
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(3)));
    assertTrue(exporter.offer(Signal.METRICS, TestRequests.metricPoints(4)));
    assertTrue(exporter.offer(Signal.LOGS, TestRequests.logRecords(2)));

    Await.equal(3.0, () -> metric("homeostat_exporter_sent_spans_total"));
    Await.equal(4.0, () -> metric("homeostat_exporter_sent_metric_points_total"));
    Await.equal(2.0, () -> metric("homeostat_exporter_sent_log_records_total"));
    assertEquals(List.of(TestRequests.spans(3), TestRequests.metricPoints(4),
        TestRequests.logRecords(2)), sender.received);
    assertEquals(1000.0, metric("homeostat_exporter_queue_capacity"));
    assertEquals(0.0, metric("homeostat_exporter_queue_size"));
    assertEquals(0.0, metric("homeostat_exporter_retries_total"));
    long remaining = sender.remainingAtSend.get(0);
    assertTrue(remaining > 0 && remaining <= TIMEOUT.toNanos(), "attempt deadline " + remaining);
  }

  @Test
  void retriesARetryableFailureAfterExponentialWaitsAndCountsTheRetries() throws Exception {
    sender.step = call -> {
      if (call < 2) {
        throw new ExportException("backend unavailable", null);
      }
      return Outcome.ACCEPTED;
    };
    start(RetryConfig.DEFAULT);
    exporter.offer(Signal.TRACES, TestRequests.spans(3));

    Await.equal(3.0, () -> metric("homeostat_exporter_sent_spans_total"));
    assertEquals(List.of(Duration.ofMillis(5000), Duration.ofMillis(7500)), clock.waits);
    assertEquals(2.0, metric("homeostat_exporter_retries_total"));
    assertEquals(0.0, metric("homeostat_exporter_send_failed_spans_total"));
  }

  @Test
  void waitsAsLongAsTheBackendAsksWhenThatIsLongerThanTheBackoff() throws Exception {
    sender.step = call -> {
      if (call == 0) {
        throw new ExportException("throttled", Duration.ofSeconds(60), null);
      }
      if (call == 1) {
        throw new ExportException("throttled briefly", Duration.ofMillis(10), null);
      }
      return Outcome.ACCEPTED;
    };
    start(RetryConfig.DEFAULT);
    exporter.offer(Signal.LOGS, TestRequests.logRecords(1));

    Await.equal(1.0, () -> metric("homeostat_exporter_sent_log_records_total"));
    assertEquals(List.of(Duration.ofSeconds(60), Duration.ofMillis(7500)), clock.waits);
  }

  @Test
  void dropsAPermanentFailureWithoutRetryingAndSaysWhy() throws Exception {
    sender.step = call -> {
      throw new PermanentExportException("HTTP 400 from http://backend:4318/v1/traces: bad span",
          null);
    };
    try (LogCapture logs = new LogCapture()) {
      start(RetryConfig.DEFAULT);
      exporter.offer(Signal.TRACES, TestRequests.spans(3));

      Await.equal(3.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
      assertEquals(1, sender.calls.get());
      assertEquals(List.of(), clock.waits);
      assertEquals(0.0, metric("homeostat_exporter_retries_total"));
      Await.equal(1, () -> logs.lines("exporter otlp/test dropped 3 spans, the backend refused "
          + "them and sending them again cannot help: HTTP 400 from http://backend:4318/v1/traces: "
          + "bad span").size());
    }
  }

  @Test
  void givesUpOnceTheNextWaitWouldEndPastMaxElapsedTime() throws Exception {
    sender.step = REFUSED;
    start(RetryConfig.DEFAULT);
    exporter.offer(Signal.TRACES, TestRequests.spans(4));

    Await.equal(4.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
    // 5 + 7.5 + 11.25 + 16.875 + 25.3125 + 7 × 30 = 275.9s; one more 30s wait would pass 300s.
    assertEquals(List.of(Duration.ofMillis(5000), Duration.ofMillis(7500), Duration.ofMillis(11250),
        Duration.ofMillis(16875), Duration.ofNanos(25_312_500_000L), Duration.ofSeconds(30),
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30)), clock.waits);
    assertEquals(13, sender.calls.get());
    assertEquals(12.0, metric("homeostat_exporter_retries_total"));
    assertEquals(0.0, metric("homeostat_exporter_sent_spans_total"));
  }

  @Test
  void withRetryOffAFailedAttemptIsFinal() throws Exception {
    sender.step = REFUSED;
    start(RetryConfig.DISABLED);
    exporter.offer(Signal.METRICS, TestRequests.metricPoints(2));

    Await.equal(2.0, () -> metric("homeostat_exporter_send_failed_metric_points_total"));
    assertEquals(1, sender.calls.get());
    assertEquals(List.of(), clock.waits);
  }

  @Test
  void aFullQueueRefusesAtOnceAndCountsTheItemsAsEnqueueFailed() throws Exception {
    startHoldingAOneSpanRequest(new QueueConfig(true, 1, 2));
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(2)));
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(3)));
    assertFalse(exporter.offer(Signal.TRACES, TestRequests.spans(4)));
    assertEquals(4.0, metric("homeostat_exporter_enqueue_failed_spans_total"));
    assertEquals(2.0, metric("homeostat_exporter_queue_size"));
    assertEquals(2.0, metric("homeostat_exporter_queue_capacity"));

    release.countDown();
    Await.equal(6.0, () -> metric("homeostat_exporter_sent_spans_total"));
  }

  @Test
  void withTheQueueDisabledOnlyAsManyRequestsAsSendersWaitAndOfferStillNeverBlocks()
      throws Exception {
    CountDownLatch entered = new CountDownLatch(2);
    sender.step = blockingUntilReleased(entered);
    start(new QueueConfig(false, 2, 1000), RetryConfig.DEFAULT, clock);
    assertEquals(2.0, metric("homeostat_exporter_queue_capacity"));

    assertTrue(exporter.offer(Signal.LOGS, TestRequests.logRecords(1)));
    assertTrue(exporter.offer(Signal.LOGS, TestRequests.logRecords(1)));
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    assertTrue(exporter.offer(Signal.LOGS, TestRequests.logRecords(1)));
    assertTrue(exporter.offer(Signal.LOGS, TestRequests.logRecords(1)));
    assertFalse(exporter.offer(Signal.LOGS, TestRequests.logRecords(1)));
    assertEquals(1.0, metric("homeostat_exporter_enqueue_failed_log_records_total"));

    release.countDown();
    Await.equal(4.0, () -> metric("homeostat_exporter_sent_log_records_total"));
  }

  @Test
  void aPartialSuccessCountsTheRejectedItemsAsFailedWithoutRetrying() throws Exception {
    sender.step = call -> new Outcome.Accepted(2, "2 spans have no name");
    try (LogCapture logs = new LogCapture()) {
      start(RetryConfig.DEFAULT);
      exporter.offer(Signal.TRACES, TestRequests.spans(5));

      Await.equal(2.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
      assertEquals(3.0, metric("homeostat_exporter_sent_spans_total"));
      assertEquals(1, sender.calls.get());
      Await.equal(1, () -> logs.lines("exporter otlp/test: the backend rejected 2 of 5 spans for "
          + "good (partial success): 2 spans have no name").size());
    }
  }

  @Test
  void anUnexpectedErrorInTheSenderDropsThatRequestAndSendingGoesOn() throws Exception {
    sender.step = call -> {
      if (call == 0) {
        throw new IllegalStateException("bug");
      }
      return Outcome.ACCEPTED;
    };
    start(RetryConfig.DEFAULT);
    exporter.offer(Signal.TRACES, TestRequests.spans(1));
    exporter.offer(Signal.TRACES, TestRequests.spans(2));

    Await.equal(2.0, () -> metric("homeostat_exporter_sent_spans_total"));
    assertEquals(1.0, metric("homeostat_exporter_send_failed_spans_total"));
  }

  @Test
  void shutdownRefusesNewRequestsAndSendsWhatIsQueuedBeforeItStops() throws Exception {
    startHoldingAOneSpanRequest(new QueueConfig(true, 1, 1000));
    exporter.offer(Signal.TRACES, TestRequests.spans(2));
    exporter.offer(Signal.LOGS, TestRequests.logRecords(3));

    Thread shutdown = ExporterThreads.shutdownInBackground(exporter);
    assertFalse(exporter.offer(Signal.TRACES, TestRequests.spans(4)));
    release.countDown();
    shutdown.join(10_000);
    assertFalse(shutdown.isAlive());

    assertEquals(3.0, metric("homeostat_exporter_sent_spans_total"));
    assertEquals(3.0, metric("homeostat_exporter_sent_log_records_total"));
    assertEquals(0.0, metric("homeostat_exporter_send_failed_spans_total"));
    assertEquals(4.0, metric("homeostat_exporter_enqueue_failed_spans_total"));
    assertEquals(0, sender.closed.getCount());
    assertTrue(Double.isNaN(metric("homeostat_exporter_queue_size")), "gauge removed");
  }

  @Test
  void shutdownGivesUpWhatItCannotDeliverByTheDeadlineAndReportsItBySignal() throws Exception {
    sender.step = REFUSED;
    try (LogCapture logs = new LogCapture()) {
      start(new QueueConfig(true, 1, 10), PATIENT, RetryClock.SYSTEM);
      exporter.offer(Signal.TRACES, TestRequests.spans(3));
      Await.equal(1, sender.calls::get);
      exporter.offer(Signal.TRACES, TestRequests.spans(3));
      exporter.offer(Signal.LOGS, TestRequests.logRecords(2));

      exporter.shutdown(Deadline.in(Duration.ofSeconds(30)));

      assertEquals(6.0, metric("homeostat_exporter_send_failed_spans_total"));
      assertEquals(2.0, metric("homeostat_exporter_send_failed_log_records_total"));
      assertEquals(List.of("exporter otlp/test stopped with data it could not deliver before the "
          + "shutdown deadline, now lost: traces: 2 requests (6 spans), logs: 1 request "
          + "(2 log records). The backend was slow or unreachable (see the failures logged "
          + "before); a longer shutdown timeout gives it more time"),
          logs.lines("stopped with data").stream()
              .map(line -> line.substring(line.indexOf("exporter otlp/test"))).toList());
    }
  }

  @Test
  void requestsStillQueuedAtTheDeadlineAreReportedUndelivered() throws Exception {
    startHoldingAOneSpanRequest(new QueueConfig(true, 1, 1000));
    exporter.offer(Signal.TRACES, TestRequests.spans(2));

    exporter.shutdown(Deadline.in(Duration.ofMillis(50)));

    assertEquals(2.0, metric("homeostat_exporter_send_failed_spans_total"));
    assertEquals(0, sender.closed.getCount());
  }

  @TempDir
  Path home;

  private QueueConfig diskQueue(int queueSize) {
    return new QueueConfig(true, 1, queueSize, "queue", ByteSize.ofMebibytes(1),
        ByteSize.ofMebibytes(64), FsyncPolicy.INTERVAL, Duration.ofSeconds(1), QueueSizer.REQUESTS);
  }

  private QueuedExporter startOnDisk(MetricRegistry metrics, Sender sender, QueueConfig queue,
      RetryConfig retry) throws Exception {
    exporter = new QueuedExporter(new ComponentSettings(ComponentId.parse(ID), metrics, home),
        EnumSet.allOf(Signal.class), sender, TIMEOUT, queue, new Backoff(retry, () -> 0.5),
        RetryClock.SYSTEM);
    exporter.start();
    return exporter;
  }

  @Test
  void aDiskQueueKeepsWhatShutdownCouldNotDeliverAndSendsItAfterTheRestart() throws Exception {
    sender.step = REFUSED;
    try (LogCapture logs = new LogCapture()) {
      startOnDisk(registry, sender, diskQueue(10), PATIENT);
      exporter.offer(Signal.TRACES, TestRequests.spans(3));
      Await.equal(1, sender.calls::get);
      exporter.offer(Signal.TRACES, TestRequests.spans(2));
      exporter.offer(Signal.LOGS, TestRequests.logRecords(2));
      assertTrue(metric("homeostat_exporter_queue_bytes") > 0);

      exporter.shutdown(Deadline.in(Duration.ofMillis(200)));

      assertEquals(0.0, metric("homeostat_exporter_send_failed_spans_total"));
      assertEquals(0.0, metric("homeostat_exporter_send_failed_log_records_total"));
      assertEquals(List.of("exporter otlp/test stopped with data it has not delivered yet, kept "
          + "in its disk queue " + home.resolve("queue/otlp-test") + " and sent after the "
          + "restart: traces: 2 requests (5 spans), logs: 1 request (2 log records)"),
          logs.lines("stopped with data").stream()
              .map(line -> line.substring(line.indexOf("exporter otlp/test"))).toList());
    }

    MetricRegistry afterRestart = new MetricRegistry();
    ScriptedSender accepting = new ScriptedSender();
    startOnDisk(afterRestart, accepting, diskQueue(10), RetryConfig.DEFAULT);
    Await.equal(5.0, () -> afterRestart.value("homeostat_exporter_sent_spans_total",
        "exporter", ID));
    Await.equal(2.0, () -> afterRestart.value("homeostat_exporter_sent_log_records_total",
        "exporter", ID));
    assertEquals(List.of(TestRequests.spans(3), TestRequests.spans(2),
        TestRequests.logRecords(2)), accepting.received);
  }

  @Test
  void aFullDiskQueueRefusesAndSaysWhichLimitWasReached() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    sender.step = blockingUntilReleased(entered);
    try (LogCapture logs = new LogCapture()) {
      startOnDisk(registry, sender, diskQueue(1), RetryConfig.DEFAULT);
      assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(1)));
      assertTrue(entered.await(10, TimeUnit.SECONDS));
      assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(2)));
      assertFalse(exporter.offer(Signal.TRACES, TestRequests.spans(4)));

      assertEquals(4.0, metric("homeostat_exporter_enqueue_failed_spans_total"));
      assertEquals(1.0, metric("homeostat_exporter_queue_size"));
      assertEquals(1.0, metric("homeostat_exporter_queue_capacity"));
      assertEquals(1, logs.lines("exporter otlp/test refused 4 spans and asked the client to "
          + "retry: its disk queue is full (1 requests). The backend is slow or unreachable (see "
          + "the failures logged before this), or the queue is too small for the load: raise "
          + "sending_queue.queue_size or num_consumers").size());
    }
    release.countDown();
    Await.equal(3.0, () -> metric("homeostat_exporter_sent_spans_total"));
  }

  @Test
  void anExporterWhoseDiskQueueCannotOpenDoesNotStart() throws Exception {
    startOnDisk(registry, sender, diskQueue(10), RetryConfig.DEFAULT);
    QueuedExporter second = new QueuedExporter(
        new ComponentSettings(ComponentId.parse(ID), new MetricRegistry(), home),
        EnumSet.allOf(Signal.class), new ScriptedSender(), TIMEOUT, diskQueue(10),
        new Backoff(RetryConfig.DEFAULT, () -> 0.5), RetryClock.SYSTEM);

    IOException e = assertThrows(IOException.class, second::start);
    assertTrue(e.getMessage().startsWith("exporter otlp/test cannot open its disk queue "),
        e.getMessage());
  }
}
