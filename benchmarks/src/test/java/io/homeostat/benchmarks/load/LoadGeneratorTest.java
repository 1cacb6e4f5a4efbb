package io.homeostat.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.homeostat.core.pipeline.Signal;
import io.homeostat.core.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Retries after a millisecond, so that tests do not wait out the SDKs' backoff. */
  private static final RetryConfig FAST = new RetryConfig(true, Duration.ofMillis(1), 0, 1,
      Duration.ofMillis(1), Duration.ZERO);
  private static final SendResult.Refused REFUSED = new SendResult.Refused(null, "UNAVAILABLE");

  private final PayloadPool pool = Payloads.pool(Signal.TRACES, 2, 100, 1);
  private final ScriptedTransport transport = new ScriptedTransport();
  private LoadGenerator generator;

  @AfterEach
  void stop() throws InterruptedException {
    if (generator != null) {
      transport.acceptEverything();
      assertTrue(generator.stop(WAIT));
    }
  }

  private void start(int inFlight) {
    generator = new LoadGenerator(transport, pool, new LoadMode.FlatOut(inFlight), FAST);
    generator.start();
  }

  @Test
  void aRefusedRequestIsSentAgainAsItIsAndCountedOnce() throws Exception {
    start(1);
    Send first = transport.next();
    first.answer(REFUSED);
    Send retry = transport.next();
    assertSame(first.body(), retry.body());
    retry.answer(new SendResult.Accepted(0));

    Send second = transport.next();
    assertNotSame(first.body(), second.body());
    assertEquals(new LoadCounts(2, 3, 1, 1, 0, 100, 0), generator.counts());
    assertNull(generator.lastProblem());
  }

  @Test
  void aRequestRefusedOnEveryAttemptIsGivenUpAfterFive() throws Exception {
    start(1);
    Send first = transport.next();
    first.answer(REFUSED);
    for (int attempt = 2; attempt <= LoadGenerator.MAX_ATTEMPTS; attempt++) {
      Send retry = transport.next();
      assertSame(first.body(), retry.body());
      retry.answer(REFUSED);
    }
    assertNotSame(first.body(), transport.next().body());
    assertEquals(new LoadCounts(2, 6, 0, 5, 1, 0, 0), generator.counts());
    assertEquals("refused 5 times, last: UNAVAILABLE", generator.lastProblem());
  }

  @Test
  void aFailureIsNotRetried() throws Exception {
    start(1);
    Send first = transport.next();
    first.answer(new SendResult.Failed("HTTP 400"));
    assertNotSame(first.body(), transport.next().body());
    assertEquals(new LoadCounts(2, 2, 0, 0, 1, 0, 0), generator.counts());
    assertEquals("HTTP 400", generator.lastProblem());
  }

  @Test
  void itemsTheServerRejectedAreNotCountedAsAccepted() throws Exception {
    start(1);
    transport.next().answer(new SendResult.Accepted(7));
    transport.next();
    assertEquals(new LoadCounts(2, 2, 1, 0, 0, 93, 7), generator.counts());
  }

  @Test
  void noMoreThanTheLimitIsUnderWayAtOnce() throws Exception {
    start(2);
    Send first = transport.next();
    transport.next();
    assertNull(transport.sends.poll(50, TimeUnit.MILLISECONDS));
    first.answer(new SendResult.Accepted(0));
    assertNotNull(transport.next());
  }

  @Test
  void stopReportsRequestsStillUnderWay() throws Exception {
    start(1);
    Send first = transport.next();
    assertFalse(generator.stop(Duration.ofMillis(50)));
    assertEquals(1, generator.counts().pending());
    first.answer(new SendResult.Accepted(0));
  }

  /** One call to the transport, answered once: by the test, or at the end by the transport. */
  private static final class Send {
    private final byte[] body;
    private final Consumer<SendResult> onResult;
    private final AtomicBoolean answered = new AtomicBoolean();

    Send(byte[] body, Consumer<SendResult> onResult) {
      this.body = body;
      this.onResult = onResult;
    }

    byte[] body() {
      return body;
    }

    void answer(SendResult result) {
      if (answered.compareAndSet(false, true)) {
        onResult.accept(result);
      }
    }
  }

  /** Hands every send to the test, which answers it; at the end it takes everything. */
  private static final class ScriptedTransport implements Transport {
    final BlockingQueue<Send> sends = new LinkedBlockingQueue<>();
    private final List<Send> all = new ArrayList<>();
    private boolean acceptAll;

    @Override
    public void send(byte[] body, Consumer<SendResult> onResult) {
      Send send = new Send(body, onResult);
      synchronized (this) {
        if (!acceptAll) {
          all.add(send);
          sends.add(send);
          return;
        }
      }
      send.answer(new SendResult.Accepted(0));
    }

    Send next() throws InterruptedException {
      Send send = sends.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertNotNull(send, "no request was sent within " + WAIT.toSeconds() + " s");
      return send;
    }

    /** Answers every send not answered yet, and from now on each send at once. */
    void acceptEverything() {
      List<Send> waiting;
      synchronized (this) {
        acceptAll = true;
        waiting = List.copyOf(all);
      }
      waiting.forEach(send -> send.answer(new SendResult.Accepted(0)));
    }

    @Override
    public void close() {}
  }
}
