package io.homeostat.homeostasis.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.retry.RetryClock;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.alerting.Destination.Notification;
import io.homeostat.homeostasis.alerting.WebhookServer.Received;
import io.homeostat.homeostasis.alerting.WebhookServer.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DestinationTest {

  /** Retries 1s apart, no spread, for at most 3s: the waits are recorded, not waited. */
  private static final RetryConfig RETRY = new RetryConfig(true, Duration.ofSeconds(1), 0, 1,
      Duration.ofSeconds(1), Duration.ofSeconds(3));

  private final WebhookServer server = new WebhookServer();
  private final MetricRegistry metrics = new MetricRegistry();
  private final VirtualTimer timer = new VirtualTimer();
  private final List<Destination> destinations = new ArrayList<>();

  DestinationTest() throws Exception {}

  /** Records each retry wait and moves its own time by it instead of waiting. */
  static final class VirtualTimer implements RetryClock {
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
      return now.get();
    }

    @Override
    public boolean await(CountDownLatch wake, long nanos) {
      if (wake.getCount() == 0) {
        return true;
      }
      waits.add(Duration.ofNanos(nanos));
      now.addAndGet(nanos);
      return false;
    }
  }

  @AfterEach
  void stop() {
    destinations.forEach(d -> d.shutdown(Deadline.in(Duration.ofSeconds(5))));
    server.close();
  }

  private Destination destination(WebhookConfig config) {
    Destination destination = new Destination("webhooks[0]", "homeostat", URI.create(config.url()),
        config, config.hmacSecret(), metrics, timer, () -> 0.5, Clock.systemUTC());
    destination.start();
    destinations.add(destination);
    return destination;
  }

  private WebhookConfig webhook(Duration timeout, Map<String, String> headers, String bearer,
      String hmac, RetryConfig retry) {
    return new WebhookConfig(server.url("/hook"), WebhookFormat.HOMEOSTAT, timeout, headers,
        bearer, hmac, retry);
  }

  private WebhookConfig webhook() {
    return webhook(Duration.ofSeconds(5), Map.of(), null, null, RETRY);
  }

  private static Notification body(String json) {
    return new Notification(json.getBytes(StandardCharsets.UTF_8), "a test notification");
  }

  private double sent() {
    return metrics.value("homeostat_notifications_sent_total", "destination", "webhooks[0]",
        "format", "homeostat");
  }

  private double failed() {
    return metrics.value("homeostat_notifications_failed_total", "destination", "webhooks[0]",
        "format", "homeostat");
  }

  /** Lets the destination deliver what it holds and stop: its counters are then final. */
  private static void finish(Destination destination) {
    destination.shutdown(Deadline.in(Duration.ofSeconds(10)));
  }

  @Test
  void aPostCarriesTheBodyAsJsonWithTheConfiguredHeadersAndBearerToken() throws Exception {
    Destination destination = destination(webhook(Duration.ofSeconds(5),
        Map.of("X-Team", "auth"), "s3cret", null, RETRY));
    destination.offer(body("{\"a\":1}"));
    Received received = server.take();
    assertEquals("/hook", received.path());
    assertEquals("{\"a\":1}", received.body());
    assertEquals("application/json", received.headers().get("content-type"));
    assertEquals("auth", received.headers().get("x-team"));
    assertEquals("Bearer s3cret", received.headers().get("authorization"));
    assertFalse(received.headers().containsKey("x-homeostat-signature"));
    finish(destination);
    assertEquals(1.0, sent());
    assertEquals(0.0, failed());
  }

  @Test
  void theHmacSignatureIsTheBodysHmacSha256UnderTheSharedSecret() throws Exception {
    Destination destination = destination(webhook(Duration.ofSeconds(5), Map.of(), null,
        "shared-secret", RETRY));
    destination.offer(body("{\"alert_id\":\"ALT-1\"}"));
    Received received = server.take();
    // What a receiver does: HMAC-SHA256 of the raw body with the secret, compared to the header.
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("shared-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(received.bytes())),
        received.headers().get("x-homeostat-signature"));
    assertFalse(received.headers().containsKey("authorization"));
  }

  @Test
  void a503IsRetriedAfterTheWaitRetryAfterAsksFor() throws Exception {
    server.reply(new Reply(503, Map.of("Retry-After", "2")), Reply.of(429));
    Destination destination = destination(webhook());
    destination.offer(body("{\"a\":1}"));
    assertEquals(List.of("{\"a\":1}", "{\"a\":1}", "{\"a\":1}"),
        server.take(3).stream().map(Received::body).toList());
    finish(destination);
    // Retry-After wins over the 1s backoff once; the 429 without it waits the backoff.
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), timer.waits);
    assertEquals(1.0, sent());
    assertEquals(0.0, failed());
  }

  @Test
  void retriesStopWhenMaxElapsedTimeIsSpentAndTheNotificationCountsAsFailed() throws Exception {
    server.reply(Reply.of(500), Reply.of(502), Reply.of(503), Reply.of(504));
    Destination destination = destination(webhook());
    destination.offer(body("{\"a\":1}"));
    assertEquals(4, server.take(4).size());
    finish(destination);
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
        timer.waits);
    assertEquals(1.0, failed());
    assertEquals(0.0, sent());
  }

  @Test
  void a400IsFinalAndNotRetried() throws Exception {
    server.reply(Reply.of(400));
    Destination destination = destination(webhook());
    destination.offer(body("{\"a\":1}"));
    assertEquals("{\"a\":1}", server.take().body());
    finish(destination);
    assertEquals(List.of(), timer.waits);
    assertEquals(1.0, failed());
  }

  @Test
  void withRetriesOffAFailureIsFinal() throws Exception {
    server.reply(Reply.of(503));
    Destination destination = destination(webhook(Duration.ofSeconds(5), Map.of(), null, null,
        RetryConfig.DISABLED));
    destination.offer(body("{\"a\":1}"));
    server.take();
    finish(destination);
    assertEquals(1.0, failed());
  }

  @Test
  void anAttemptWithoutAnswerTimesOutAndIsRetried() throws Exception {
    server.reply(Reply.STALL);
    Destination destination = destination(webhook(Duration.ofSeconds(1), Map.of(), null, null,
        RETRY));
    destination.offer(body("{\"a\":1}"));
    assertEquals(2, server.take(2).size());
    finish(destination);
    assertEquals(List.of(Duration.ofSeconds(1)), timer.waits);
    assertEquals(1.0, sent());
    assertEquals(0.0, failed());
  }

  @Test
  void anUnreachableReceiverIsRetriedThenGivenUp() throws Exception {
    WebhookConfig config = new WebhookConfig("http://127.0.0.1:1/hook", WebhookFormat.HOMEOSTAT,
        Duration.ofSeconds(2), Map.of(), null, null, RETRY);
    Destination destination = destination(config);
    destination.offer(body("{\"a\":1}"));
    destination.shutdown(Deadline.in(Duration.ofSeconds(10)));
    assertEquals(3, timer.waits.size());
    assertEquals(1.0, failed());
  }

  @Test
  void offerNeverBlocksAndAFullQueueRefusesAndCounts() throws Exception {
    server.otherwise(Reply.STALL);
    Destination destination = destination(webhook());
    destination.offer(body("{\"first\":true}"));
    server.take();
    for (int i = 0; i < Destination.QUEUE_CAPACITY; i++) {
      assertTrue(destination.offer(body("{\"n\":" + i + "}")));
    }
    assertFalse(destination.offer(body("{\"one\":\"too many\"}")));
    assertEquals(1.0, failed());
    destination.shutdown(Deadline.in(Duration.ofMillis(200)));
    assertEquals(2.0 + Destination.QUEUE_CAPACITY, failed());
    assertFalse(destination.offer(body("{\"after\":\"shutdown\"}")));
  }
}
