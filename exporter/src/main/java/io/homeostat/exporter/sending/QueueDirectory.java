package io.homeostat.exporter.sending;

import io.homeostat.core.component.ComponentId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The directory of one exporter's disk queue, {@code storage/<type>-<name>}, held under a lock
 * for as long as the queue is open: two servers (or two exporters) writing one queue would
 * corrupt it, so the second one fails to start instead. The operating system releases the lock
 * when the process dies, so a killed server does not block its own restart.
 */
final class QueueDirectory implements AutoCloseable {

  static final String LOCK = "lock";

  private final Path path;
  private final FileChannel lockFile;
  private final FileLock lock;

  private QueueDirectory(Path path, FileChannel lockFile, FileLock lock) {
    this.path = path;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * The directory of exporter {@code id} under {@code storage}: the type, then the name after a
   * '-' (which no type contains), so that every id has a directory of its own. Characters other
   * than letters, digits, '_', '-' and '.' in the name are written as '%' and their UTF-8 bytes in
   * hexadecimal: {@code otlp/tempo} becomes {@code otlp-tempo}, {@code otlp/a b} cannot occur,
   * {@code otlp/eu:1} becomes {@code otlp-eu%3A1}.
   */
  static Path of(Path storage, ComponentId id) {
    if (id.name().isEmpty()) {
      return storage.resolve(id.type());
    }
    StringBuilder name = new StringBuilder(id.type()).append('-');
    for (byte b : id.name().getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return storage.resolve(name.toString());
  }

  /**
   * Creates {@code path} if needed and locks it.
   *
   * @throws InUseException when another queue holds it
   * @throws IOException when it cannot be created
   */
  static QueueDirectory lock(Path path) throws IOException {
    Files.createDirectories(path);
    FileChannel channel = FileChannel.open(path.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new InUseException("another exporter or Homeostat process uses it (and holds "
          + path.resolve(LOCK) + "): give each server its own sending_queue.storage");
    }
    return new QueueDirectory(path, channel, lock);
  }

  Path path() {
    return path;
  }

  /** Forces the directory's entries (files created, renamed, deleted) to the device. */
  void sync() throws IOException {
    try (FileChannel dir = FileChannel.open(path, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockFile.close();
    }
  }

  /** The directory is locked by another queue; the message says what to do. */
  static final class InUseException extends IOException {

    private static final long serialVersionUID = 1L;

    InUseException(String message) {
      super(message);
    }
  }
}
