package io.homeostat.homeostasis.intents;

import io.homeostat.core.testing.ManualClock;
import static io.homeostat.homeostasis.testing.Fixtures.CATALOG;
import static io.homeostat.homeostasis.testing.Fixtures.issue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.homeostat.core.net.Endpoint;
import io.homeostat.core.net.HttpServer;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.model.FeedbackIntent;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntentWebhookTest {

  /** A request the test receiver got: its headers (as the client sent them) and body. */
  record Received(String authorization, String signature, String contentType, String team,
      byte[] body) {}

  @TempDir
  Path dir;

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
  final MetricRegistry metrics = new MetricRegistry();
  HttpServer receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.start(new HttpServer.Options("test intents webhook",
        Endpoint.parse("127.0.0.1:0"), 1 << 20, false, 1), (request, responder) -> {
          byte[] body = new byte[request.body().readableBytes()];
          request.body().readBytes(body);
          received.add(new Received(request.headers().get("Authorization"),
              request.headers().get("X-Homeostat-Signature"), request.headers().get("Content-Type"),
              request.headers().get("X-Team"), body));
          Integer status = statuses.poll();
          responder.respond(HttpResponseStatus.valueOf(status == null ? 200 : status),
              "text/plain", "ok".getBytes(StandardCharsets.UTF_8));
        });
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  FeedbackIntents intents() {
    RetryConfig fast = new RetryConfig(true, Duration.ofMillis(10), 0, 1.5, Duration.ofMillis(50),
        Duration.ofSeconds(30));
    IntentWebhookConfig webhook = new IntentWebhookConfig(
        "http://127.0.0.1:" + receiver.address().getPort() + "/intents", Duration.ofSeconds(5),
        Map.of("X-Team", "auth"), "t0ken", "s3cret", fast);
    FeedbackConfig d = FeedbackConfig.defaults();
    return new FeedbackIntents(new FeedbackConfig(new IntentsConfig(null, List.of(webhook), 10),
        d.issueTtl(), d.maxOpenIssues(), d.criticalBurst(), d.criticalBurstWindow()),
        CATALOG::get, dir, dir, metrics, ManualClock.at("2026-11-21T10:15:00Z"));
  }

  static String sign(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void eachIntentIsPostedSignedWithItsTokenAndRetriedUntilTaken() throws Exception {
    statuses.add(503);
    FeedbackIntent intent;
    try (FeedbackIntents intents = intents()) {
      intent = intents.forIssue(issue("ISS-20261121-0001", "critical"));
      Received refused = received.poll(10, TimeUnit.SECONDS);
      Received taken = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(taken, "the intent is posted again after a 503");
      assertArrayEquals(refused.body(), taken.body());
      assertArrayEquals(IntentJson.bytes(intent), taken.body());
      assertEquals(new Received("Bearer t0ken", sign(taken.body()), "application/json", "auth",
          taken.body()), taken);
    }
    assertEquals(1, metrics.value("homeostat_notifications_sent_total",
        "destination", "intents.webhooks[0]", "format", "intent"));
    assertEquals(0, metrics.value("homeostat_notifications_failed_total",
        "destination", "intents.webhooks[0]", "format", "intent"));
    assertEquals(List.of(), List.copyOf(received));
  }

  @Test
  void anIntentTheReceiverRefusesIsCountedAndNotSentAgain() throws Exception {
    statuses.add(400);
    try (FeedbackIntents intents = intents()) {
      intents.forIssue(issue("ISS-20261121-0001", "high"));
      assertNotNull(received.poll(10, TimeUnit.SECONDS));
    }
    assertEquals(1, metrics.value("homeostat_notifications_failed_total",
        "destination", "intents.webhooks[0]", "format", "intent"));
    assertEquals(List.of(), List.copyOf(received));
  }
}
