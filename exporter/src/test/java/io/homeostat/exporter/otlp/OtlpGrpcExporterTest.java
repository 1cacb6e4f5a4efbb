package io.homeostat.exporter.otlp;

import io.homeostat.exporter.ExporterThreads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.exporter.ConfigFixture;
import io.homeostat.core.testing.LogCapture;
import io.homeostat.exporter.TestRequests;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OtlpGrpcExporterTest {

  private static final OtlpGrpcExporterFactory FACTORY = new OtlpGrpcExporterFactory();

  private final MetricRegistry registry = new MetricRegistry();
  private final ComponentSettings settings =
      new ComponentSettings(ComponentId.parse("otlp/tempo"), registry, Path.of("."));
  private FakeGrpcBackend backend;
  private Exporter exporter;

  @BeforeEach
  void startBackend() throws Exception {
    backend = new FakeGrpcBackend();
  }

  @AfterEach
  void stop() throws Exception {
    if (exporter != null) {
      exporter.shutdown(Deadline.in(Duration.ofSeconds(5)));
    }
    backend.close();
  }

  private OtlpGrpcConfig config(String extra) {
    return ConfigFixture.bind(FACTORY, "otlp:\n  endpoint: " + backend.endpoint() + "\n"
        + "  tls: { insecure: true }\n" + extra);
  }

  private Exporter start(String extra) throws Exception {
    exporter = FACTORY.create(settings, EnumSet.allOf(Signal.class), config(extra));
    exporter.start();
    return exporter;
  }

  private double metric(String name) {
    return registry.value(name, "exporter", "otlp/tempo");
  }

  @Test
  void deliversEverySignalGzippedWithTheConfiguredHeaders() throws Exception {
    start("  headers: { X-Scope-OrgID: tenant-1 }\n");
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(3)));
    assertTrue(exporter.offer(Signal.METRICS, TestRequests.metricPoints(2)));
    assertTrue(exporter.offer(Signal.LOGS, TestRequests.logRecords(4)));

    for (int i = 0; i < 3; i++) {
      FakeGrpcBackend.Call call = backend.nextCall();
      assertEquals(switch (call.signal()) {
        case TRACES -> TestRequests.spans(3);
        case METRICS -> TestRequests.metricPoints(2);
        case LOGS -> TestRequests.logRecords(4);
      }, call.request());
      assertEquals("tenant-1", call.header("x-scope-orgid"));
      assertEquals("gzip", call.header("grpc-encoding"));
    }
    Await.equal(3.0, () -> metric("homeostat_exporter_sent_spans_total"));
    Await.equal(2.0, () -> metric("homeostat_exporter_sent_metric_points_total"));
    Await.equal(4.0, () -> metric("homeostat_exporter_sent_log_records_total"));
  }

  @Test
  void sendsUncompressedWhenCompressionIsNone() throws Exception {
    start("  compression: none\n");
    exporter.offer(Signal.TRACES, TestRequests.spans(1));
    assertNull(backend.nextCall().header("grpc-encoding"));
  }

  @Test
  void retriesUnavailableUntilTheBackendTakesTheRequestAndCountsTheRetries() throws Exception {
    backend.failNext(2, Status.Code.UNAVAILABLE, Duration.ofMillis(10));
    start(ConfigFixture.FAST_RETRY);
    exporter.offer(Signal.LOGS, TestRequests.logRecords(2));

    Await.equal(2.0, () -> metric("homeostat_exporter_sent_log_records_total"));
    assertEquals(3, backend.calls.size());
    assertEquals(2.0, metric("homeostat_exporter_retries_total"));
    assertEquals(0.0, metric("homeostat_exporter_send_failed_log_records_total"));
  }

  @Test
  void theBackendsRetryInfoBecomesTheDelayTheBackoffHonours() throws Exception {
    backend.failNext(1, Status.Code.UNAVAILABLE, Duration.ofMillis(1500));
    GrpcSender sender = startedSender(config(""));
    ExportException e = assertThrows(ExportException.class, () -> send(sender));
    assertFalse(e instanceof PermanentExportException);
    assertEquals(Duration.ofMillis(1500), e.retryAfter());
    assertEquals("the OTLP/gRPC backend at " + backend.endpoint() + " answered UNAVAILABLE: "
        + "test failure UNAVAILABLE; check that the endpoint is right and the backend is up, and "
        + "that tls.insecure matches how it listens (plaintext: true, TLS: false)", e.getMessage());
    sender.shutdown();
  }

  @Test
  void resourceExhaustedIsRetriedOnlyWithRetryInfo() throws Exception {
    GrpcSender sender = startedSender(config(""));
    backend.failNext(1, Status.Code.RESOURCE_EXHAUSTED, Duration.ofSeconds(2));
    assertEquals(Duration.ofSeconds(2),
        assertThrows(ExportException.class, () -> send(sender)).retryAfter());
    backend.failNext(1, Status.Code.RESOURCE_EXHAUSTED, null);
    assertInstanceOf(PermanentExportException.class,
        assertThrows(ExportException.class, () -> send(sender)));
    sender.shutdown();
  }

  @Test
  void everyRetryableCodeOfTheSpecificationIsRetriedAndOthersAreNot() throws Exception {
    GrpcSender sender = startedSender(config(""));
    for (Status.Code code : Status.Code.values()) {
      if (code == Status.Code.OK) {
        continue;
      }
      backend.failNext(1, code, null);
      ExportException e = assertThrows(ExportException.class, () -> send(sender));
      boolean retryable = EnumSet.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED,
          Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS).contains(code);
      assertEquals(!retryable, e instanceof PermanentExportException, code.toString());
    }
    sender.shutdown();
  }

  @Test
  void anUnreachableBackendIsRetryableAndTheMessageSaysWhatToCheck() throws Exception {
    String endpoint = backend.endpoint();
    backend.close();
    GrpcSender sender = startedSender(ConfigFixture.bind(FACTORY,
        "otlp:\n  endpoint: " + endpoint + "\n  tls: { insecure: true }\n"));
    ExportException e = assertThrows(ExportException.class, () -> send(sender));
    assertFalse(e instanceof PermanentExportException);
    assertTrue(e.getMessage().startsWith("the OTLP/gRPC backend at " + endpoint
        + " answered UNAVAILABLE: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; check that the endpoint is right and the backend is up, "
        + "and that tls.insecure matches how it listens (plaintext: true, TLS: false)"),
        e.getMessage());
    sender.shutdown();
  }

  @Test
  void noAnswerWithinTheTimeoutIsRetryableAndNamesTheTimeout() throws Exception {
    backend.hold();
    GrpcSender sender = startedSender(config("  timeout: 200ms\n"));
    ExportException e = assertThrows(ExportException.class, () -> sender.send(Signal.TRACES,
        TestRequests.spans(1), Deadline.in(Duration.ofMillis(200))));
    assertFalse(e instanceof PermanentExportException);
    assertTrue(e.getMessage().startsWith("the OTLP/gRPC backend at " + backend.endpoint()
        + " answered DEADLINE_EXCEEDED: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; no answer within timeout (200ms): the backend is "
        + "overloaded or unreachable, or raise timeout"), e.getMessage());
    sender.shutdown();
  }

  @Test
  void aPermanentErrorIsNotRetriedAndCountsTheItemsAsFailed() throws Exception {
    backend.failNext(5, Status.Code.INVALID_ARGUMENT, null);
    start(ConfigFixture.FAST_RETRY);
    exporter.offer(Signal.TRACES, TestRequests.spans(3));

    Await.equal(3.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
    assertEquals(1, backend.calls.size());
    assertEquals(0.0, metric("homeostat_exporter_retries_total"));
  }

  @Test
  void aFullQueueRefusesTheOfferAndCountsEnqueueFailed() throws Exception {
    CountDownLatch release = backend.hold();
    start("  sending_queue: { num_consumers: 1, queue_size: 1 }\n");
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(1)));
    backend.nextCall();
    assertTrue(exporter.offer(Signal.TRACES, TestRequests.spans(2)));
    assertFalse(exporter.offer(Signal.TRACES, TestRequests.spans(4)));
    assertEquals(4.0, metric("homeostat_exporter_enqueue_failed_spans_total"));

    release.countDown();
    Await.equal(3.0, () -> metric("homeostat_exporter_sent_spans_total"));
  }

  @Test
  void givesUpAfterMaxElapsedTimeAndCountsTheItemsAsFailed() throws Exception {
    backend.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE, null);
    start("  retry_on_failure: { initial_interval: 5ms, max_interval: 5ms, "
        + "randomization_factor: 0, max_elapsed_time: 30ms }\n");
    exporter.offer(Signal.METRICS, TestRequests.metricPoints(3));

    Await.equal(3.0, () -> metric("homeostat_exporter_send_failed_metric_points_total"));
    assertEquals(backend.calls.size() - 1.0, metric("homeostat_exporter_retries_total"));
    assertEquals(0.0, metric("homeostat_exporter_sent_metric_points_total"));
  }

  @Test
  void aPartialSuccessCountsTheRejectedItemsAsFailedWithoutRetrying() throws Exception {
    backend.rejectEach(2);
    start(ConfigFixture.FAST_RETRY);
    exporter.offer(Signal.TRACES, TestRequests.spans(5));

    Await.equal(2.0, () -> metric("homeostat_exporter_send_failed_spans_total"));
    assertEquals(3.0, metric("homeostat_exporter_sent_spans_total"));
    assertEquals(1, backend.calls.size());
  }

  @Test
  void shutdownSendsWhatIsQueuedBeforeItStops() throws Exception {
    CountDownLatch release = backend.hold();
    start("  sending_queue: { num_consumers: 1 }\n");
    exporter.offer(Signal.TRACES, TestRequests.spans(1));
    backend.nextCall();
    exporter.offer(Signal.TRACES, TestRequests.spans(2));
    exporter.offer(Signal.LOGS, TestRequests.logRecords(3));

    Thread shutdown = ExporterThreads.shutdownInBackground(exporter);
    release.countDown();
    shutdown.join(10_000);

    assertEquals(3.0, metric("homeostat_exporter_sent_spans_total"));
    assertEquals(3.0, metric("homeostat_exporter_sent_log_records_total"));
    assertEquals(TestRequests.spans(2), backend.nextCall().request());
    assertEquals(TestRequests.logRecords(3), backend.nextCall().request());
  }

  @Test
  void shutdownReportsWhatTheBackendDidNotTakeByTheDeadline() throws Exception {
    backend.failNext(Integer.MAX_VALUE, Status.Code.UNAVAILABLE, Duration.ofHours(1));
    try (LogCapture logs = new LogCapture()) {
      start("  sending_queue: { num_consumers: 1 }\n"
          + "  retry_on_failure: { max_elapsed_time: 0 }\n");
      exporter.offer(Signal.TRACES, TestRequests.spans(2));
      backend.nextCall();
      exporter.offer(Signal.TRACES, TestRequests.spans(3));

      exporter.shutdown(Deadline.in(Duration.ofSeconds(10)));

      assertEquals(5.0, metric("homeostat_exporter_send_failed_spans_total"));
      assertEquals(1, logs.lines("exporter otlp/tempo stopped with data it could not deliver "
          + "before the shutdown deadline, now lost: traces: 2 requests (5 spans)").size());
    }
  }

  private GrpcSender startedSender(OtlpGrpcConfig config) throws Exception {
    GrpcSender sender = new GrpcSender(settings, config);
    sender.start();
    return sender;
  }

  private static Outcome.Accepted send(GrpcSender sender) throws ExportException {
    return sender.send(Signal.TRACES, TestRequests.spans(1), Deadline.in(Duration.ofSeconds(5)));
  }
}
