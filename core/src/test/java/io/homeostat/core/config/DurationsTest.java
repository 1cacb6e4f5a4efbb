package io.homeostat.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @Test
  void parsesTheCollectorsSyntax() {
    assertEquals(Duration.ofMillis(200), Durations.parse("200ms"));
    assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1.5h"));
    assertEquals(Duration.ofDays(30), Durations.parse("30d"));
    assertEquals(Duration.ofNanos(1500), Durations.parse("1.5us"));
    assertEquals(Duration.ZERO, Durations.parse("0"));
    assertEquals(Duration.ofSeconds(-5), Durations.parse("-5s"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 s", "five seconds", "1m30", "s", "1.2.3s"})
  void rejectsAnythingElseQuotingIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    assertEquals(true, e.getMessage().startsWith("invalid duration '" + text + "'"));
  }

  @Test
  void formatsShortestFirst() {
    assertEquals("5m", Durations.format(Duration.ofMinutes(5)));
    assertEquals("1h30m", Durations.format(Duration.ofMinutes(90)));
    assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    assertEquals("30d", Durations.format(Duration.ofDays(30)));
    assertEquals("0s", Durations.format(Duration.ZERO));
  }

  @Test
  void sizesTakeBinaryAndDecimalUnits() {
    assertEquals(20L << 20, ByteSize.parse("20MiB").bytes());
    assertEquals(512_000, ByteSize.parse("512KB").bytes());
    assertEquals(1024, ByteSize.parse("1024").bytes());
    assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("20 megs"));
  }
}
