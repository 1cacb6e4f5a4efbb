package io.homeostat.receiver.otlp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Completion;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.RequestConsumer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline entry that keeps what it receives and answers with the outcomes a test scripts
 * ({@link Outcome#ACCEPTED} when none is left), or holds the completions for the test to call.
 */
final class CapturingConsumer implements RequestConsumer {

  private final BlockingQueue<Message> requests = new LinkedBlockingQueue<>();
  private final Queue<Outcome> answers = new ConcurrentLinkedQueue<>();
  private final BlockingQueue<Completion> held = new LinkedBlockingQueue<>();
  private volatile boolean holding;

  @Override
  public void consume(Message request, Completion completion) {
    requests.add(request);
    if (holding) {
      held.add(completion);
      return;
    }
    Outcome answer = answers.poll();
    completion.complete(answer == null ? Outcome.ACCEPTED : answer);
  }

  /** The next requests are answered with {@code outcomes}, in order. */
  void answer(Outcome... outcomes) {
    answers.addAll(List.of(outcomes));
  }

  /** From now on completions are kept; take them with {@link #nextHeld}. */
  void hold() {
    holding = true;
  }

  Completion nextHeld() throws InterruptedException {
    Completion completion = held.poll(10, TimeUnit.SECONDS);
    assertNotNull(completion, "no request reached the consumer within 10s");
    return completion;
  }

  @SuppressWarnings("unchecked")
  <T extends Message> T next() throws InterruptedException {
    Message request = requests.poll(10, TimeUnit.SECONDS);
    assertNotNull(request, "no request reached the consumer within 10s");
    return (T) request;
  }

  /** How many requests arrived and were not taken with {@link #next}. */
  int pending() {
    return requests.size();
  }
}
