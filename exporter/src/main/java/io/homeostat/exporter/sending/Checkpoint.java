package io.homeostat.exporter.sending;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * The file that says how far a disk queue was acknowledged: the offset of the first record not
 * yet delivered. It is replaced whole (a temporary file renamed over it), so a crash leaves the
 * old one or the new one, never half of one; its own CRC catches anything else, and a checkpoint
 * that cannot be read sends the queue back to its first segment: duplicates, not loss.
 *
 * <p>Layout: 8 bytes of magic and version, the offset (long), the CRC32C of both (int).
 */
final class Checkpoint {

  static final String FILE = "checkpoint";
  private static final long MAGIC = 0x4853_5451_434b_5001L;
  private static final int SIZE = 20;

  private final Path file;
  private final Path temporary;

  Checkpoint(Path dir) {
    this.file = dir.resolve(FILE);
    this.temporary = dir.resolve(FILE + ".tmp");
  }

  Path file() {
    return file;
  }

  /**
   * The offset written last.
   *
   * @return -1 when there is no checkpoint yet
   * @throws CorruptCheckpointException when the file is not a whole checkpoint
   */
  long read() throws IOException, CorruptCheckpointException {
    Files.deleteIfExists(temporary);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return -1;
    }
    if (bytes.length != SIZE) {
      throw new CorruptCheckpointException("it holds " + bytes.length + " bytes, not " + SIZE);
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    long magic = in.getLong();
    long offset = in.getLong();
    if (magic != MAGIC || in.getInt() != crcOf(bytes) || offset < 0) {
      throw new CorruptCheckpointException("its content does not check");
    }
    return offset;
  }

  /** Replaces the checkpoint with {@code offset}; {@code force} makes it durable first. */
  void write(long offset, boolean force) throws IOException {
    byte[] bytes = new byte[SIZE];
    ByteBuffer.wrap(bytes).putLong(MAGIC).putLong(offset);
    ByteBuffer.wrap(bytes, SIZE - 4, 4).putInt(crcOf(bytes));
    try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
      out.write(bytes);
      if (force) {
        out.getFD().sync();
      }
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static int crcOf(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, SIZE - 4);
    return (int) crc.getValue();
  }

  /** A checkpoint file that cannot be trusted; the message says why. */
  static final class CorruptCheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptCheckpointException(String message) {
      super(message, null, false, false);
    }
  }
}
