package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.homeostat.core.component.ComponentId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class QueueDirectoryTest {

  private static final Path STORAGE = Path.of("/var/lib/homeostat/queue");

  private static String nameOf(String id) {
    return QueueDirectory.of(STORAGE, ComponentId.parse(id)).getFileName().toString();
  }

  @Test
  void anExporterWithoutANameUsesItsType() {
    assertEquals(STORAGE.resolve("otlp"), QueueDirectory.of(STORAGE, ComponentId.parse("otlp")));
  }

  @Test
  void theNameFollowsTheTypeAfterADash() {
    assertEquals("otlp-tempo", nameOf("otlp/tempo"));
    assertEquals("otlphttp-eu-west.1_a", nameOf("otlphttp/eu-west.1_a"));
  }

  @Test
  void otherCharactersAreWrittenAsTheirUtf8BytesSoThatNoTwoIdsShareADirectory() {
    assertEquals("otlp-eu%3A1", nameOf("otlp/eu:1"));
    assertEquals("otlp-caf%C3%A9", nameOf("otlp/café"));
    assertEquals("otlp-50%25", nameOf("otlp/50%"));
    assertEquals("otlp-a%2Fb", nameOf("otlp/a/b"));
    assertEquals("otlp_a-b", nameOf("otlp_a/b"));
    assertEquals("otlp-a_b", nameOf("otlp/a_b"));
  }
}
