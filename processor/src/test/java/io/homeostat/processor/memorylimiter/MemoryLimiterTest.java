package io.homeostat.processor.memorylimiter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.ComponentId;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.testing.Await;
import io.homeostat.processor.testing.Answers;
import io.homeostat.processor.testing.Capture;
import io.homeostat.processor.testing.Configs;
import io.homeostat.processor.testing.Otlp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryLimiterTest {

  private static final long MIB = 1 << 20;

  private final MetricRegistry metrics = new MetricRegistry();
  private final ComponentSettings settings =
      new ComponentSettings(ComponentId.of("memory_limiter"), metrics, Path.of("."));
  private final AtomicLong used = new AtomicLong(100 * MIB);
  private final AtomicInteger collections = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong();
  private final Capture next = new Capture();
  private final Answers answers = new Answers();

  /**
   * A watch with a 1000 MiB hard and 800 MiB soft limit over the test's heap figure and clock,
   * collecting at most every 10 s soft-limited and at every check hard-limited.
   */
  private final HeapWatch watch = watch(collections::incrementAndGet);

  private HeapWatch watch(Runnable collectGarbage) {
    return new HeapWatch("memory_limiter", new HeapLimits(1000 * MIB, 800 * MIB),
        Duration.ofSeconds(1), new GcIntervals(Duration.ofSeconds(10), Duration.ZERO), used::get,
        collectGarbage, nanos::get);
  }

  private Processor limiter(Signal signal) {
    MemoryLimiterConfig config = Configs.bind("memory_limiter", MemoryLimiterConfig.class,
        MemoryLimiterConfig.DEFAULT, "memory_limiter: { limit_mib: 1000, check_interval: 2s }\n");
    return MemoryLimiterProcessorFactory.create(settings, signal, config, watch);
  }

  @Test
  void belowTheSoftLimitDataPassesUntouched() {
    var request = Otlp.traces(Otlp.span(Otlp.traceId(1, 1), "a"));
    watch.check();
    limiter(Signal.TRACES).process(request, answers.ack(), next);
    assertEquals(List.of(request), next.requests);
    assertEquals(List.of(Outcome.ACCEPTED), answers.outcomes);
  }

  @Test
  void aboveTheSoftLimitNewDataIsRefusedWithARetryAfterAndCounted() {
    Processor limiter = limiter(Signal.LOGS);
    used.set(850 * MIB);
    watch.check();
    limiter.process(Otlp.logs(Otlp.log(Otlp.traceId(1, 1), "a"), Otlp.log(Otlp.traceId(1, 2), "b")),
        answers.ack(), next);
    assertEquals(List.of(), next.requests);
    assertEquals(List.of(new Outcome.Refused(Duration.ofSeconds(2), "processor memory_limiter"
        + " refuses data while the server's used heap is above its limit (soft limit 800 MiB, hard"
        + " limit 1000 MiB); retry later")), answers.outcomes);
    assertEquals(2.0, metrics.value("homeostat_processor_memory_limiter_refused_log_records_total",
        "processor", "memory_limiter"));
    assertEquals(1.0, metrics.value("homeostat_processor_memory_limiter_state", "processor", "memory_limiter"));
  }

  @Test
  void aboveTheSoftLimitACollectionIsRequestedAtMostEveryMinInterval() {
    used.set(850 * MIB);
    watch.check();
    assertEquals(1, collections.get());
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());
    watch.check();
    assertEquals(1, collections.get(), "9 s later: not yet");
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    watch.check();
    assertEquals(2, collections.get(), "10 s later");
    assertTrue(watch.refusing(), "the collections freed nothing");
  }

  @Test
  void garbageLeftWhileRefusingIsCollectedSoRefusingEnds() {
    // Nothing allocates while everything is refused, so the JVM would never collect by itself.
    HeapWatch freeing = watch(() -> used.set(300 * MIB));
    used.set(850 * MIB);
    freeing.check();
    assertEquals(HeapWatch.State.NORMAL, freeing.state());
    assertEquals(300 * MIB, freeing.lastUsed());
  }

  @Test
  void onceUsageFallsBelowTheSoftLimitDataIsAcceptedAgain() {
    Processor limiter = limiter(Signal.TRACES);
    used.set(900 * MIB);
    watch.check();
    assertTrue(watch.refusing());
    used.set(799 * MIB);
    watch.check();
    assertFalse(watch.refusing());
    limiter.process(Otlp.traces(Otlp.span(Otlp.traceId(1, 1), "a")), answers.ack(), next);
    assertEquals(List.of(Outcome.ACCEPTED), answers.outcomes);
  }

  @Test
  void aboveTheHardLimitACollectionIsRequestedAtEveryCheck() {
    used.set(1200 * MIB);
    watch.check();
    watch.check();
    assertEquals(2, collections.get());
    assertEquals(HeapWatch.State.ABOVE_HARD_LIMIT, watch.state());
  }

  @Test
  void theWatchMeasuresOnItsOwnThreadWhileAnInstanceRunsAndStopsWithTheLast() throws Exception {
    CountDownLatch checks = new CountDownLatch(3);
    HeapWatch ticking = new HeapWatch("memory_limiter", new HeapLimits(1000 * MIB, 800 * MIB),
        Duration.ofMillis(5), new GcIntervals(Duration.ofSeconds(10), Duration.ZERO), () -> {
          checks.countDown();
          return 900 * MIB;
        }, () -> { }, System::nanoTime);
    Processor traces = MemoryLimiterProcessorFactory.create(settings, Signal.TRACES,
        MemoryLimiterConfig.DEFAULT, ticking);
    Processor logs = MemoryLimiterProcessorFactory.create(settings, Signal.LOGS,
        MemoryLimiterConfig.DEFAULT, ticking);
    traces.start();
    logs.start();
    assertTrue(ticking.refusing(), "measured once at start, before any data");
    assertTrue(checks.await(10, TimeUnit.SECONDS));
    traces.shutdown(Deadline.in(Duration.ofSeconds(5)));
    assertTrue(threadRunning(), "still running for the logs pipeline");
    logs.shutdown(Deadline.in(Duration.ofSeconds(5)));
    // A stopped executor's worker may still be alive for a moment after awaitTermination.
    Await.until("the watch thread ends", () -> !threadRunning());
  }

  private static boolean threadRunning() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("homeostat-memory-limiter-memory_limiter") && t.isAlive());
  }

  @Test
  void percentagesAreOfTheMaximumHeapAndTheSpikeDefaultsToAFifthOfTheLimit() {
    MemoryLimiterConfig percent = new MemoryLimiterConfig(Duration.ofSeconds(1), 0, 0, 80, 25,
        Duration.ofSeconds(10), Duration.ZERO);
    assertEquals(new HeapLimits(800 * MIB, 550 * MIB), percent.limits(1000 * MIB));
    MemoryLimiterConfig mib = new MemoryLimiterConfig(Duration.ofSeconds(1), 1000, 0, 0, 0,
        Duration.ofSeconds(10), Duration.ZERO);
    assertEquals(new HeapLimits(1000 * MIB, 800 * MIB), mib.limits(4000 * MIB));
  }
}
