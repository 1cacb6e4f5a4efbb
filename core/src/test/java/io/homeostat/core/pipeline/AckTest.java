package io.homeostat.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckTest {

  private final List<Outcome> completed = new ArrayList<>();

  @Test
  void completesOnceTheLastReferenceIsReleased() {
    Ack ack = Ack.of(completed::add);
    ack.retain().retain();
    ack.accept();
    ack.accept();
    assertEquals(List.of(), completed);
    ack.accept();
    assertEquals(List.of(Outcome.ACCEPTED), completed);
    assertThrows(IllegalStateException.class, ack::accept);
  }

  @Test
  void theWorstPartDecides() {
    Ack ack = Ack.of(completed::add);
    ack.retain().retain();
    ack.release(new Outcome.Accepted(2, "2 spans without a trace id"));
    ack.release(new Outcome.Refused(Duration.ofSeconds(1), "queue full"));
    ack.accept();
    assertEquals(List.of(new Outcome.Refused(Duration.ofSeconds(1), "queue full")), completed);
  }

  @Test
  void partialSuccessesAddUp() {
    Outcome combined = Outcome.combine(new Outcome.Accepted(2, "a"), new Outcome.Accepted(3, "b"));
    assertEquals(new Outcome.Accepted(5, "a; b"), combined);
    assertEquals(new Outcome.Invalid("no"),
        Outcome.combine(new Outcome.Refused(Duration.ZERO, "full"), new Outcome.Invalid("no")));
    assertNull(Outcome.combine(null, null));
  }

  @Test
  void aMergedAckReleasesEveryPart() {
    List<Outcome> first = new ArrayList<>();
    List<Outcome> second = new ArrayList<>();
    Ack merged = Ack.allOf(List.of(Ack.of(first::add), Ack.of(second::add)));
    merged.retain();
    merged.accept();
    assertEquals(List.of(), first);
    merged.accept();
    assertEquals(List.of(Outcome.ACCEPTED), first);
    assertEquals(List.of(Outcome.ACCEPTED), second);
  }
}
