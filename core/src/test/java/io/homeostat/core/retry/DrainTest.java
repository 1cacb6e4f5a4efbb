package io.homeostat.core.retry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.component.Deadline;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainTest {

  private final Drain drain = new Drain(RetryClock.SYSTEM);

  @Test
  void takesNothingBeforeOpeningOrAfterDrainingBegan() {
    assertFalse(drain.enter());
    drain.open(0);
    assertTrue(drain.enter());
    drain.exit();
    drain.drain(Deadline.in(Duration.ofSeconds(5)));
    assertFalse(drain.enter());
  }

  @Test
  void drainingWaitsForPendingWorkIncludingWhatWasTakenOver() throws Exception {
    drain.open(1);
    assertTrue(drain.enter());
    CompletableFuture<Void> draining = CompletableFuture.runAsync(
        () -> drain.drain(Deadline.in(Duration.ofSeconds(30))));
    drain.exit();
    assertFalse(draining.isDone(), "one piece, taken over at opening, is still pending");
    drain.exit();
    draining.get(10, TimeUnit.SECONDS);
  }

  @Test
  void drainingGivesUpAtItsDeadline() {
    drain.open(0);
    assertTrue(drain.enter());
    long start = System.nanoTime();
    drain.drain(Deadline.in(Duration.ofMillis(100)));
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void aRetryWaitWakesWhenDrainingBeginsAndGivesUpIfItWouldPassTheDeadline() throws Exception {
    drain.open(0);
    assertTrue(drain.enter());
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return drain.pause(TimeUnit.MINUTES.toNanos(10));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    CompletableFuture.runAsync(() -> drain.drain(Deadline.in(Duration.ofSeconds(1))));
    assertFalse(waiting.get(10, TimeUnit.SECONDS), "a ten-minute wait ends past the deadline");
  }

  @Test
  void aShortRetryWaitWithinTheDeadlineIsWaitedOut() throws Exception {
    drain.open(0);
    assertTrue(drain.pause(TimeUnit.MILLISECONDS.toNanos(10)));
  }
}
