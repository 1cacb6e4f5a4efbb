package io.homeostat.exporter.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {

  @TempDir
  Path dir;

  private static final Instant T0 = Instant.parse("2026-11-21T10:15:00.123Z");

  /** A clock one second later at each reading. */
  private static Clock ticking() {
    return new Clock() {
      private int reads;

      @Override
      public Instant instant() {
        return T0.plusSeconds(reads++);
      }

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
  }

  private static ByteArrayOutputStream line(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private List<String> files() throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  @Test
  void rotatesBeforeARecordWouldPassTheLimitAndNamesBackupsLikeLumberjack() throws IOException {
    RotatingFile file = new RotatingFile(dir.resolve("telemetry.jsonl"), 15, 0, ticking());
    file.open();
    file.write(line("first record"));
    file.write(line("second"));
    file.write(line("third record"));
    file.close();

    assertEquals(List.of("telemetry-2026-11-21T10-15-00.123.jsonl",
        "telemetry-2026-11-21T10-15-01.123.jsonl", "telemetry.jsonl"), files());
    assertEquals("first record\n", read("telemetry-2026-11-21T10-15-00.123.jsonl"));
    assertEquals("second\n", read("telemetry-2026-11-21T10-15-01.123.jsonl"));
    assertEquals("third record\n", read("telemetry.jsonl"));
  }

  @Test
  void keepsOnlyTheNewestMaxBackups() throws IOException {
    RotatingFile file = new RotatingFile(dir.resolve("telemetry.jsonl"), 8, 2, ticking());
    file.open();
    for (int i = 0; i < 6; i++) {
      file.write(line("record" + i));
    }
    file.close();

    assertEquals(List.of("telemetry-2026-11-21T10-15-03.123.jsonl",
        "telemetry-2026-11-21T10-15-04.123.jsonl", "telemetry.jsonl"), files());
    assertEquals("record3\n", read("telemetry-2026-11-21T10-15-03.123.jsonl"));
    assertEquals("record5\n", read("telemetry.jsonl"));
  }

  @Test
  void appendsToAnExistingFileAndCountsItsSize() throws IOException {
    Files.writeString(dir.resolve("out.jsonl"), "earlier\n");
    RotatingFile file = new RotatingFile(dir.resolve("out.jsonl"), 12, 0, Clock.fixed(T0,
        ZoneOffset.UTC));
    file.open();
    file.write(line("later"));
    file.close();

    assertEquals(List.of("out-2026-11-21T10-15-00.123.jsonl", "out.jsonl"), files());
    assertEquals("earlier\n", read("out-2026-11-21T10-15-00.123.jsonl"));
  }

  @Test
  void rotationsWithinOneMillisecondDoNotOverwriteEachOther() throws IOException {
    RotatingFile file = new RotatingFile(dir.resolve("t.jsonl"), 4, 0, Clock.fixed(T0,
        ZoneOffset.UTC));
    file.open();
    for (int i = 0; i < 3; i++) {
      file.write(line("r" + i + "xx"));
    }
    file.close();

    assertEquals(List.of("t-2026-11-21T10-15-00.123.jsonl", "t-2026-11-21T10-15-00.124.jsonl",
        "t.jsonl"), files());
  }

  @Test
  void aRecordLargerThanTheLimitIsWrittenWholeIntoAFileOfItsOwn() throws IOException {
    RotatingFile file = new RotatingFile(dir.resolve("t.jsonl"), 4, 0, ticking());
    file.open();
    file.write(line("a much longer record"));
    file.close();
    assertEquals(List.of("t.jsonl"), files());
    assertEquals("a much longer record\n", read("t.jsonl"));
  }
}
