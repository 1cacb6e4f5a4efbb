package io.homeostat.homeostasis.intents;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.homeostasis.alerting.Destination;
import io.homeostat.homeostasis.alerting.HttpTarget;
import io.homeostat.core.retry.RetryClock;
import io.homeostat.homeostasis.model.FeedbackIntent;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code feedback.intents.webhooks}: each intent posted as JSON through the alert notifier's
 * {@link Destination} (a bounded queue and a thread per webhook, retries with backoff, the
 * timeout, token and signature), counted in {@code homeostat_notifications_sent_total} and
 * {@code homeostat_notifications_failed_total} with {@code format="intent"}.
 */
final class WebhookSink implements IntentSink {

  static final String FORMAT = "intent";

  private final Destination destination;

  /** @param name the {@code destination} label, such as {@code intents.webhooks[0]} */
  WebhookSink(String name, IntentWebhookConfig config, MetricRegistry metrics, Clock clock) {
    this.destination = new Destination(name, FORMAT, HttpTarget.parseUrl(config.url()), config,
        config.hmacSecret(), metrics, RetryClock.SYSTEM,
        () -> ThreadLocalRandom.current().nextDouble(), clock);
    destination.start();
  }

  @Override
  public void deliver(FeedbackIntent intent, byte[] json) {
    destination.offer(new Destination.Notification(json, "intent " + intent.intentId()));
  }

  @Override
  public void close(long deadlineNanos) {
    destination.shutdown(new Deadline(deadlineNanos));
  }
}
