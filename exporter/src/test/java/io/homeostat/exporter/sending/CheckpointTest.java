package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.homeostat.exporter.sending.Checkpoint.CorruptCheckpointException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

  @TempDir
  Path dir;

  @Test
  void thereIsNoneAtFirst() throws Exception {
    assertEquals(-1, new Checkpoint(dir).read());
  }

  @Test
  void theLastOffsetWrittenIsReadBackAndNoTemporaryFileStays() throws Exception {
    Checkpoint checkpoint = new Checkpoint(dir);
    checkpoint.write(42, false);
    checkpoint.write(1L << 40, true);

    assertEquals(1L << 40, new Checkpoint(dir).read());
    assertFalse(Files.exists(dir.resolve("checkpoint.tmp")));
  }

  @Test
  void aTemporaryFileLeftByACrashIsIgnoredAndRemoved() throws Exception {
    new Checkpoint(dir).write(7, false);
    Files.write(dir.resolve("checkpoint.tmp"), new byte[] {1, 2, 3});

    assertEquals(7, new Checkpoint(dir).read());
    assertFalse(Files.exists(dir.resolve("checkpoint.tmp")));
  }

  @Test
  void aShortFileIsCorrupt() throws Exception {
    new Checkpoint(dir).write(7, false);
    Path file = dir.resolve("checkpoint");
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 12));

    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> new Checkpoint(dir).read());
    assertEquals("it holds 12 bytes, not 20", e.getMessage());
  }

  @Test
  void aFlippedByteIsCorrupt() throws Exception {
    new Checkpoint(dir).write(7, false);
    Path file = dir.resolve("checkpoint");
    byte[] bytes = Files.readAllBytes(file);
    bytes[10] ^= 1;
    Files.write(file, bytes);

    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> new Checkpoint(dir).read());
    assertEquals("its content does not check", e.getMessage());
  }
}
