package io.homeostat.homeostasis.alerting;

import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.Durations;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.Drain;
import io.homeostat.core.retry.RetryAfter;
import io.homeostat.core.retry.RetryClock;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place notifications go (a webhook, an Alertmanager): a bounded queue and the one thread
 * that posts from it, in order, so that a resolved alert never overtakes its firing.
 *
 * <p>{@link #offer} never blocks. Each attempt is limited by the destination's {@code timeout}; a
 * 2xx answer is success, 429 and 5xx (and no answer at all) are tried again after a
 * {@link Backoff} wait, or the longer wait a {@code Retry-After} asks for, until
 * {@code retry_on_failure.max_elapsed_time} is spent; any other answer is final. Outcomes are
 * counted in {@code homeostat_notifications_sent_total} and
 * {@code homeostat_notifications_failed_total}; failures are logged at most once per interval per
 * kind.
 */
public final class Destination {

  private static final Logger log = LoggerFactory.getLogger(Destination.class);
  /** Notifications that may wait for a slow destination; alerts are few, so this is plenty. */
  static final int QUEUE_CAPACITY = 1000;
  /** One log line per kind of failure per interval. */
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  /** How long shutdown waits for the interrupted sender thread to end. */
  private static final long JOIN_GRACE_MILLIS = 1000;
  /** How much of a refusing answer's body a message quotes. */
  private static final int MAX_QUOTED = 200;
  private static final String HMAC = "HmacSHA256";

  /** A body to post, and what it holds, for messages. */
  public record Notification(byte[] body, String what) {}

  private final String name;
  private final URI url;
  private final HttpTarget target;
  private final Mac signer;
  private final Backoff backoff;
  private final RetryClock timer;
  private final Clock clock;
  private final HttpClient client;
  private final BlockingQueue<Notification> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Counter sent;
  private final Counter failed;
  private final RateLimitedLog failures = new RateLimitedLog(log, LOG_INTERVAL);
  /** Counts notifications queued or being sent; shutdown waits for zero. */
  private final Drain drain;
  private final AtomicLong undelivered = new AtomicLong();
  private final Thread thread;
  /** Set before the thread is interrupted at the deadline; it sends nothing more. */
  private volatile boolean stopped;

  /**
   * @param name the {@code destination} label and the name in messages, such as
   *     {@code webhooks[0]}: the URL itself may hold a secret
   * @param format the {@code format} label
   * @param hmacSecret signs each body when not null
   */
  public Destination(String name, String format, URI url, HttpTarget target, String hmacSecret,
      MetricRegistry registry, RetryClock timer, DoubleSupplier random, Clock clock) {
    this.name = name + " (" + url.getScheme() + "://" + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort()) + ")";
    this.url = url;
    this.target = target;
    this.signer = hmacSecret == null ? null : signer(hmacSecret);
    this.backoff = new Backoff(target.retryOnFailure(), random);
    this.timer = timer;
    this.drain = new Drain(timer);
    drain.open(0);
    this.clock = clock;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(target.timeout()).build();
    this.sent = registry.counter("homeostat_notifications_sent_total",
        "Alert notifications delivered, per destination.", "destination", name, "format", format);
    this.failed = registry.counter("homeostat_notifications_failed_total",
        "Alert notifications given up: refused, out of retries, or not sent before shutdown.",
        "destination", name, "format", format);
    this.thread = new Thread(this::run, "alerting-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
    thread.setDaemon(true);
  }

  private static Mac signer(String secret) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot compute " + HMAC, e);
    }
  }

  public void start() {
    thread.start();
  }

  /** Queues {@code notification}; false (counted and logged) when the queue is full or closed. */
  public boolean offer(Notification notification) {
    if (drain.enter()) {
      if (queue.offer(notification)) {
        return true;
      }
      drain.exit();
      failures.warn("queue_full", name + " dropped a notification (" + notification.what()
          + "): its queue of " + QUEUE_CAPACITY + " is full because the destination is slow or "
          + "unreachable; see the failures logged before this", null);
    }
    failed.inc();
    return false;
  }

  private void run() {
    while (!stopped) {
      Notification notification;
      try {
        notification = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (stopped) {
        giveUp();
      } else {
        deliver(notification);
      }
      drain.exit();
    }
  }

  private void deliver(Notification notification) {
    HttpRequest request = request(notification.body());
    long start = timer.nanoTime();
    for (int retry = 0; ; retry++) {
      Failure failure = attempt(request);
      if (failure == null) {
        sent.inc();
        return;
      }
      if (failure.permanent()) {
        drop(notification, "refused", "sending it again cannot help", failure);
        return;
      }
      if (stopped || Thread.currentThread().isInterrupted()) {
        giveUp();
        return;
      }
      if (!backoff.config().enabled()) {
        drop(notification, "failed", "retry_on_failure is off", failure);
        return;
      }
      Duration delay = backoff.nextDelay(retry, failure.retryAfter());
      Duration elapsed = Duration.ofNanos(timer.nanoTime() - start);
      if (!backoff.allows(elapsed, delay)) {
        drop(notification, "exhausted", "no retry left after " + (retry + 1)
            + (retry == 0 ? " attempt" : " attempts") + " over " + roughly(elapsed)
            + " (retry_on_failure.max_elapsed_time is "
            + Durations.format(backoff.config().maxElapsedTime()) + ")", failure);
        return;
      }
      failures.warn("retry", name + " failed to take a notification (" + notification.what()
          + "), retrying in " + roughly(delay) + ": " + failure.message(), null);
      if (!pause(delay)) {
        giveUp();
        return;
      }
    }
  }

  /** Waits before a retry; false when shutdown gives the notification up instead. */
  private boolean pause(Duration delay) {
    try {
      return drain.pause(delay.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private HttpRequest request(byte[] body) {
    HttpRequest.Builder post = HttpRequest.newBuilder(url)
        .timeout(target.timeout())
        .header("Content-Type", "application/json")
        .header("User-Agent", "homeostat")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    target.headers().forEach(post::header);
    if (target.bearerToken() != null) {
      post.header("Authorization", "Bearer " + target.bearerToken());
    }
    if (signer != null) {
      post.header("X-Homeostat-Signature", "sha256=" + HexFormat.of().formatHex(signer.doFinal(body)));
    }
    return post.build();
  }

  /** What went wrong with one attempt. */
  private record Failure(String message, Duration retryAfter, boolean permanent) {}

  /** One POST; null on success. */
  private Failure attempt(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> call =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      // The request's own timeout ends at the answer's headers; this bound covers the body too.
      response = call.get(target.timeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return timedOut();
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return new Failure("interrupted by shutdown", null, false);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return timedOut();
      }
      String check = cause instanceof ConnectException
          ? "check that the URL is right and the receiver is up"
          : "check the URL and the network to the receiver";
      return new Failure("cannot post to it: " + cause + "; " + check, null, false);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return null;
    }
    String message = "it answered " + status + quote(response.body()) + hint(status);
    if (status == 429 || status / 100 == 5) {
      Duration retryAfter = response.headers().firstValue("Retry-After")
          .flatMap(value -> RetryAfter.parse(value, clock.instant())).orElse(Duration.ZERO);
      return new Failure(message, retryAfter, false);
    }
    return new Failure(message, null, true);
  }

  private Failure timedOut() {
    return new Failure("no answer within timeout (" + Durations.format(target.timeout())
        + "): the receiver is slow or unreachable, or raise timeout", null, false);
  }

  private static String quote(String body) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty()) {
      return "";
    }
    return ": " + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text);
  }

  private static String hint(int status) {
    return switch (status) {
      case 400, 422 -> "; the receiver refused the payload: check that it expects this format";
      case 401, 403 -> "; check bearer_token and headers";
      case 404, 405 -> "; check the URL's path";
      case 413 -> "; the notification is over the receiver's size limit";
      case 429, 503 -> "; the receiver is overloaded or throttling";
      default -> "";
    };
  }


  private void drop(Notification notification, String kind, String why, Failure failure) {
    failed.inc();
    failures.warn(kind, name + " did not take a notification (" + notification.what()
        + ") and it is dropped, " + why + ": " + failure.message(), null);
  }

  /** A notification that shutdown left undelivered: counted now, reported once at the end. */
  private void giveUp() {
    failed.inc();
    undelivered.incrementAndGet();
  }

  /** Lets the queue drain until {@code deadline}, then stops; reports what was left. */
  public void shutdown(Deadline deadline) {
    drain.drain(deadline);
    stopped = true;
    thread.interrupt();
    try {
      thread.join(JOIN_GRACE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    while (queue.poll() != null) {
      giveUp();
    }
    long lost = undelivered.get();
    if (lost > 0) {
      log.atWarn().addKeyValue("destination", name).addKeyValue("notifications", lost)
          .log("{} stopped with {} notification(s) it could not deliver before the shutdown "
              + "deadline, now lost; the receiver was slow or unreachable (see the failures "
              + "logged before)", name, lost);
    }
  }

  /** {@code d} to the second, or to the millisecond when shorter, for messages. */
  private static String roughly(Duration d) {
    return Durations.format(d.truncatedTo(
        d.compareTo(Duration.ofSeconds(1)) < 0 ? ChronoUnit.MILLIS : ChronoUnit.SECONDS));
  }
}
