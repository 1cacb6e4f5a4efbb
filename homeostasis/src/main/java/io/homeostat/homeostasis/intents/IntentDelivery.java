package io.homeostat.homeostasis.intents;

import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.homeostasis.model.FeedbackIntent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Hands each intent to every sink on one thread of its own, in the order they were made, so that
 * whoever makes an intent never waits for a disk or a network.
 */
final class IntentDelivery {

  private static final RateLimitedLog LOG =
      new RateLimitedLog(LoggerFactory.getLogger(FeedbackIntents.class), Duration.ofMinutes(1));

  private final List<IntentSink> sinks;
  private final ExecutorService thread;

  private IntentDelivery(List<IntentSink> sinks) {
    this.sinks = sinks;
    this.thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread t = new Thread(runnable, "feedback-intents");
      t.setDaemon(true);
      return t;
    });
  }

  /** The sinks {@code config} names; a relative file path starts at {@code configDir}. */
  static IntentDelivery start(IntentsConfig config, Path configDir, MetricRegistry metrics,
      Clock clock) {
    List<IntentSink> sinks = new ArrayList<>();
    if (config.file() != null) {
      Counter failed = metrics.counter("homeostat_intents_file_failed_total",
          "Feedback intents that could not be appended to feedback.intents.file.");
      sinks.add(new JsonLinesFile(configDir.resolve(config.file()).normalize(), failed, LOG));
    }
    for (int i = 0; i < config.webhooks().size(); i++) {
      sinks.add(new WebhookSink("intents.webhooks[" + i + "]", config.webhooks().get(i), metrics,
          clock));
    }
    return new IntentDelivery(List.copyOf(sinks));
  }

  void submit(FeedbackIntent intent) {
    try {
      thread.execute(() -> {
        byte[] json = IntentJson.bytes(intent);
        for (IntentSink sink : sinks) {
          sink.deliver(intent, json);
        }
      });
    } catch (RejectedExecutionException closed) {
      LOG.warn("closed", "intent " + intent.intentId() + " was made after shutdown began and "
          + "goes to no sink; it is kept in the saved state and the admin API", null);
    }
  }

  /** Delivers what was submitted, then closes the sinks, giving up at {@code deadlineNanos}. */
  void close(long deadlineNanos) {
    try {
      thread.execute(() -> sinks.forEach(sink -> sink.close(deadlineNanos)));
    } catch (RejectedExecutionException alreadyClosed) {
      return;
    }
    thread.shutdown();
    try {
      if (!thread.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
