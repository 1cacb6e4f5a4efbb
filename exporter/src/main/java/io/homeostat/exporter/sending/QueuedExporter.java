package io.homeostat.exporter.sending;

import static io.homeostat.exporter.sending.ExporterMetrics.words;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.config.Durations;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.retry.Backoff;
import io.homeostat.core.retry.Drain;
import io.homeostat.core.retry.RetryClock;
import io.homeostat.core.retry.RetryConfig;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.homeostat.exporter.sending.RequestQueue.Job;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue-and-retry helper every exporter is built on, after the Collector's exporterhelper:
 * the exporter supplies a {@link Sender}, this class supplies the rest.
 *
 * <p>{@link #offer} runs on the pipeline thread and never blocks: it puts the request into a
 * bounded queue, in memory or on disk ({@link RequestQueue}), or returns false when the queue is
 * full or closed. {@code num_consumers} threads
 * take requests and send them, each attempt bounded by {@code timeout}. A retryable failure is
 * tried again after a {@link Backoff} wait (longer if the backend asked for it) until
 * {@code retry_on_failure.max_elapsed_time} is spent; a {@link PermanentExportException} drops
 * the request at once. Every outcome is counted per signal, and failures are logged at most once
 * per interval per kind.
 *
 * <p>{@link #shutdown} closes the queue, lets the consumers send what is queued (retrying only
 * where the wait ends before the deadline), then stops them and reports what could not be
 * delivered: lost, at WARN, from a memory queue; kept for the next start, at INFO, on disk.
 */
public final class QueuedExporter implements Exporter {

  private static final Logger log = LoggerFactory.getLogger(QueuedExporter.class);
  /** One line per kind of failure per interval, whatever the request rate. */
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  /** A latch nobody opens: waits on it last their full time. */
  /** How long shutdown waits for an interrupted consumer to end after the deadline. */
  private static final long JOIN_GRACE_MILLIS = 1000;
  /** The attempt deadline of {@link #local} exporters, which do not time out themselves. */
  private static final Duration LOCAL_TIMEOUT = Duration.ofMinutes(1);

  private final String id;
  private final Set<Signal> signals;
  private final Sender sender;
  private final Duration timeout;
  private final int numConsumers;
  private final Backoff backoff;
  private final RetryClock clock;
  private final RequestQueue queue;
  private final MetricRegistry registry;
  private final ExporterMetrics metrics;
  private final RateLimitedLog failures;
  /** Counts requests queued or being sent; shutdown waits for zero. */
  private final Drain drain;
  private final List<Thread> consumers = new ArrayList<>();
  private final AtomicBoolean shutDown = new AtomicBoolean();
  /** Set before consumers are interrupted at the deadline; they take nothing more. */
  private volatile boolean stopped;

  /**
   * @param settings the exporter's id (the {@code exporter} label of its metrics) and registry
   * @param signals the signals it will be offered
   * @param timeout the limit of each attempt
   */
  public QueuedExporter(ComponentSettings settings, Set<Signal> signals, Sender sender,
      Duration timeout, QueueConfig queue, RetryConfig retry) {
    this(settings, signals, sender, timeout, queue, new Backoff(retry), RetryClock.SYSTEM);
  }

  /**
   * For exporters that write locally (file, log): one consumer, so that writes keep their order
   * and need no lock, the default queue size, and no retries (a failed local write is reported,
   * not repeated). Local writes do not time out; the attempt deadline only matters at shutdown.
   */
  public static QueuedExporter local(ComponentSettings settings, Set<Signal> signals,
      Sender sender) {
    return new QueuedExporter(settings, signals, sender, LOCAL_TIMEOUT,
        new QueueConfig(true, 1, QueueConfig.DEFAULT_QUEUE_SIZE), RetryConfig.DISABLED);
  }

  /** With the waits' spread and the clock chosen, so that tests need not wait. */
  QueuedExporter(ComponentSettings settings, Set<Signal> signals, Sender sender, Duration timeout,
      QueueConfig queue, Backoff backoff, RetryClock clock) {
    this.id = settings.id().toString();
    this.signals = Set.copyOf(signals);
    this.sender = sender;
    this.timeout = timeout;
    this.numConsumers = queue.numConsumers();
    this.backoff = backoff;
    this.clock = clock;
    this.drain = new Drain(clock);
    this.queue = RequestQueue.create(settings, queue);
    this.registry = settings.metrics();
    this.metrics = new ExporterMetrics(registry, id, signals);
    this.failures = new RateLimitedLog(log, LOG_INTERVAL);
    registry.gauge("homeostat_exporter_queue_size", "What waits in the sending queue, in the unit "
        + "of its sizer: requests, items or bytes.", this.queue::size, "exporter", id);
    registry.gauge("homeostat_exporter_queue_capacity", "What the sending queue can hold, in the "
        + "unit of its sizer: requests, items or bytes.", this.queue::capacity, "exporter", id);
  }

  @Override
  public void start() throws Exception {
    queue.open();
    try {
      sender.start();
    } catch (Exception e) {
      queue.close();
      throw e;
    }
    for (int i = 0; i < numConsumers; i++) {
      Thread thread = new Thread(this::consume, "exporter-" + id + "-" + i);
      thread.setDaemon(true);
      consumers.add(thread);
    }
    drain.open(queue.waitingRequests());
    consumers.forEach(Thread::start);
  }

  @Override
  public boolean offer(Signal signal, Message request) {
    if (!metrics.serves(signal)) {
      throw new IllegalArgumentException("exporter " + id + " was created for " + signals
          + ", not for " + signal.configName());
    }
    int items = OtlpRequests.itemCount(request);
    if (drain.enter()) {
      if (queue.offer(signal, request, items)) {
        return true;
      }
      drain.exit();
      failures.warn("queue_full", "exporter " + id + " refused " + items + " "
          + words(signal) + " and asked the client to retry: " + queue.refusal(), null);
    }
    metrics.enqueueFailed(signal, items);
    return false;
  }

  private void consume() {
    while (!stopped) {
      Job job;
      try {
        job = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (!stopped && deliver(job)) {
        queue.done(job);
      } else {
        queue.abandon(job);
      }
      drain.exit();
    }
  }

  /**
   * Sends {@code job} until it is delivered or dropped for good (true), or shutdown gives it up
   * (false).
   */
  private boolean deliver(Job job) {
    long start = clock.nanoTime();
    for (int retry = 0; ; retry++) {
      ExportException failure;
      try {
        recordSuccess(job, sender.send(job.signal(), job.request(), attemptDeadline()));
        return true;
      } catch (PermanentExportException e) {
        drop(job, "permanent", "the backend refused them and sending them again cannot help", e);
        return true;
      } catch (ExportException e) {
        failure = e;
      } catch (RuntimeException e) {
        drop(job, "unexpected", "the exporter failed unexpectedly (a bug: please report it)", e);
        return true;
      }
      if (stopped || Thread.currentThread().isInterrupted()) {
        return false;
      }
      if (!backoff.config().enabled()) {
        drop(job, "failed", "retry_on_failure is off", failure);
        return true;
      }
      Duration delay = backoff.nextDelay(retry, failure.retryAfter());
      Duration elapsed = Duration.ofNanos(clock.nanoTime() - start);
      if (!backoff.allows(elapsed, delay)) {
        drop(job, "exhausted", "no retry left after " + (retry + 1)
            + (retry == 0 ? " attempt" : " attempts") + " over " + roughly(elapsed)
            + " (retry_on_failure.max_elapsed_time is "
            + Durations.format(backoff.config().maxElapsedTime()) + ")", failure);
        return true;
      }
      failures.warn("retry", "exporter " + id + " failed to send " + job.items() + " "
          + words(job.signal()) + " and retries in "
          + roughly(delay) + ": " + failure.getMessage(), null);
      try {
        if (!drain.pause(delay.toNanos())) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      metrics.retried();
    }
  }

  /** The limit of one attempt: {@code timeout}, and no later than the shutdown deadline. */
  private Deadline attemptDeadline() {
    Deadline attempt = Deadline.in(timeout);
    Deadline shutdown = drain.deadline();
    return shutdown != null && shutdown.nanoTime() - attempt.nanoTime() < 0 ? shutdown : attempt;
  }

  /** {@code d} to the second, or to the millisecond when shorter, for messages. */
  private static String roughly(Duration d) {
    return Durations.format(d.truncatedTo(
        d.compareTo(Duration.ofSeconds(1)) < 0 ? ChronoUnit.MILLIS : ChronoUnit.SECONDS));
  }

  private void recordSuccess(Job job, Outcome.Accepted outcome) {
    long rejected = Math.min(outcome.rejected(), job.items());
    metrics.sent(job.signal(), job.items() - rejected);
    if (rejected > 0) {
      metrics.sendFailed(job.signal(), rejected);
      failures.warn("partial", "exporter " + id + ": the backend rejected " + rejected + " of "
          + job.items() + " " + words(job.signal()) + " for good (partial success): "
          + describe(outcome.message()), null);
    } else if (!outcome.message().isEmpty()) {
      failures.warn("partial_warning", "exporter " + id + ": the backend accepted "
          + job.items() + " " + words(job.signal()) + " with a warning: " + outcome.message(),
          null);
    }
  }

  private static String describe(String backendMessage) {
    return backendMessage.isEmpty() ? "it gave no reason" : backendMessage;
  }

  private void drop(Job job, String kind, String why, Exception failure) {
    metrics.sendFailed(job.signal(), job.items());
    failures.warn(kind, "exporter " + id + " dropped " + job.items() + " " + words(job.signal())
        + ", " + why + ": " + failure.getMessage(),
        // An export failure's message already tells the story; anything else is a bug to show.
        failure instanceof ExportException ? null : failure);
  }

  @Override
  public void shutdown(Deadline deadline) {
    if (!shutDown.compareAndSet(false, true)) {
      return;
    }
    drain.drain(deadline);
    stopped = true;
    consumers.forEach(Thread::interrupt);
    for (Thread consumer : consumers) {
      try {
        consumer.join(JOIN_GRACE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (consumer.isAlive()) {
        log.atWarn().addKeyValue("exporter", id).addKeyValue("thread", consumer.getName())
            .log("a sender of exporter {} is still busy after the shutdown deadline; "
                + "leaving it behind (a send that ignores its timeout?)", id);
      }
    }
    Unsent unsent = queue.close();
    try {
      sender.shutdown();
    } catch (RuntimeException e) {
      log.atWarn().addKeyValue("exporter", id).setCause(e).log("exporter {} failed to close", id);
    }
    registry.removeGauge("homeostat_exporter_queue_size", "exporter", id);
    registry.removeGauge("homeostat_exporter_queue_capacity", "exporter", id);
    report(unsent);
  }

  private void report(Unsent unsent) {
    if (unsent.requests() == 0) {
      return;
    }
    if (unsent.kept()) {
      log.atInfo().addKeyValue("exporter", id).addKeyValue("requests", unsent.requests())
          .addKeyValue("items", unsent.items())
          .log("exporter {} stopped with data it has not delivered yet, kept in its disk queue "
              + "{} and sent after the restart: {}", id, unsent.keptIn(), unsent.describe());
      return;
    }
    unsent.forEachSignal(metrics::sendFailed);
    log.atWarn().addKeyValue("exporter", id).addKeyValue("requests", unsent.requests())
        .addKeyValue("items", unsent.items())
        .log("exporter {} stopped with data it could not deliver before the shutdown deadline, "
            + "now lost: {}. The backend was slow or unreachable (see the failures logged "
            + "before); a longer shutdown timeout gives it more time", id, unsent.describe());
  }
}
