package io.homeostat.exporter.sending;

import io.homeostat.exporter.sending.RecordFormat.CorruptRecordException;
import io.homeostat.exporter.sending.RecordFormat.Head;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of a disk queue: a short header, then records ({@link RecordFormat}) appended until
 * the file reaches {@code segment_size}. Its name is its base: the queue-wide offset of its first
 * byte, so that a record's offset (base + position in the file) grows from file to file and one
 * number, the checkpoint, says how far the queue was acknowledged.
 *
 * <p>Files are read and written through {@link RandomAccessFile}s, not {@code FileChannel}s: a
 * channel closes for every thread when one thread using it is interrupted, and the exporter
 * interrupts its senders at shutdown. The writer and the readers use separate handles, so that a
 * read's seek does not move the writer. Reads happen under the queue's lock; the size is updated
 * under it too, once a write is complete.
 */
final class Segment {

  /** The file's first bytes: what it is, and the version of its format. */
  private static final byte[] MAGIC = "HSTQSEG\u0001".getBytes(StandardCharsets.ISO_8859_1);
  /** Where the first record starts. */
  static final int HEADER = MAGIC.length;
  private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");

  private final long base;
  private final Path file;
  private long size;
  private int records;
  private RandomAccessFile writer;
  private RandomAccessFile reader;
  /** Appended to since the last {@link #sync}. */
  private volatile boolean dirty;

  private Segment(long base, Path file, long size) {
    this.base = base;
    this.file = file;
    this.size = size;
  }

  /** Creates the file of a new segment starting at offset {@code base}, ready for appends. */
  static Segment create(Path dir, long base) throws IOException {
    Segment segment = new Segment(base, dir.resolve(fileName(base)), HEADER);
    segment.writer = new RandomAccessFile(segment.file.toFile(), "rw");
    try {
      segment.writer.setLength(0);
      segment.writer.write(MAGIC);
    } catch (IOException e) {
      segment.close();
      throw e;
    }
    segment.dirty = true;
    return segment;
  }

  /** An existing segment file, to be checked by recovery; {@code size} is the file's size. */
  static Segment existing(Path file, long base, long size) {
    return new Segment(base, file, size);
  }

  private static String fileName(long base) {
    return String.format("%020d.seg", base);
  }

  /** The base of a segment file's name, or -1 when the name is not a segment's. */
  static long baseOf(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  long base() {
    return base;
  }

  Path file() {
    return file;
  }

  /** The size of what the queue holds in the file: header and whole records. */
  long size() {
    return size;
  }

  /** The offset just past the last whole record. */
  long end() {
    return base + size;
  }

  /** The records counted in the file. */
  int records() {
    return records;
  }

  /** True when the file starts with the header of this format. */
  boolean hasHeader() throws IOException {
    if (size < HEADER) {
      return false;
    }
    byte[] header = new byte[HEADER];
    reader().seek(0);
    reader().readFully(header);
    return Arrays.equals(header, MAGIC);
  }

  /** Appends one framed record, in one write; {@link #appended} makes it visible to readers. */
  void write(byte[] record, int length) throws IOException {
    writer.write(record, 0, length);
    dirty = true;
  }

  /** Counts a record that {@link #write} completed. */
  void appended(long length) {
    size += length;
    records++;
  }

  /** Counts a whole record found by recovery. */
  void recovered() {
    records++;
  }

  /**
   * Cuts the file to {@code newSize} and forces the cut to the device: what a failed write may
   * have left, or a corrupt tail found by recovery, must not come back.
   */
  void truncate(long newSize) throws IOException {
    RandomAccessFile handle = writer != null ? writer : reader();
    handle.setLength(newSize);
    handle.getFD().sync();
    if (writer != null) {
      writer.seek(newSize);
    }
    size = newSize;
  }

  /** Reads the head of the record at offset {@code at}, checking its frame against the file. */
  Head head(long at, byte[] scratch) throws IOException, CorruptRecordException {
    long position = at - base;
    long available = size - position;
    if (available < RecordFormat.HEAD) {
      throw new CorruptRecordException("only " + available + " bytes are left in the file, "
          + "fewer than a record's frame: it was torn while being written");
    }
    reader().seek(position);
    reader().readFully(scratch, 0, RecordFormat.HEAD);
    return RecordFormat.head(scratch, available);
  }

  /** Reads the body of the record at offset {@code at} and checks its CRC. */
  byte[] body(long at, Head head) throws IOException, CorruptRecordException {
    byte[] body = new byte[head.bodyLength()];
    reader().seek(at - base + RecordFormat.FRAME);
    reader().readFully(body);
    RecordFormat.check(head, body);
    return body;
  }

  private RandomAccessFile reader() throws IOException {
    if (reader == null) {
      reader = new RandomAccessFile(file.toFile(), writer != null ? "r" : "rw");
    }
    return reader;
  }

  /** Forces what was written since the last call to the device. */
  void sync() throws IOException {
    RandomAccessFile handle = writer;
    if (dirty && handle != null) {
      dirty = false;
      handle.getFD().sync();
    }
  }

  /** Closes the file's handles. */
  void close() throws IOException {
    IOException failure = null;
    for (RandomAccessFile handle : new RandomAccessFile[] {writer, reader}) {
      if (handle != null) {
        try {
          handle.close();
        } catch (IOException e) {
          failure = e;
        }
      }
    }
    writer = null;
    reader = null;
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes and deletes the file, once every record in it is acknowledged. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(file);
  }
}
