package io.homeostat.exporter.sending;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How a request is stored in a segment file: a frame (the body's length and its CRC32C) and the
 * body (the signal, the item count, when it was written, and the protobuf export request), all
 * big-endian:
 *
 * <pre>
 * int  body length        ─┐ frame
 * int  CRC32C of the body ─┘
 * byte signal (ordinal)   ─┐ body
 * int  items               │
 * long written at, epoch ms│
 * ...  export request      ┘
 * </pre>
 *
 * <p>A record whose length runs past the end of its file, or whose CRC does not match its body,
 * was torn by a crash or damaged on disk: recovery cuts the segment there. The item count and the
 * time let a queue count and age what it holds without parsing requests.
 *
 * <p>An encoder is used by one thread at a time (the writer): it frames each record into one
 * array, reused, so that a record is written with one call and allocates nothing.
 */
final class RecordFormat {

  /** The frame: body length and CRC32C. */
  static final int FRAME = 8;
  /** The body's fields before the request: signal, items, time. */
  static final int BODY_PREFIX = 13;
  /** What must be read to know a record's size, signal, items and age. */
  static final int HEAD = FRAME + BODY_PREFIX;
  /** An encoder keeps arrays up to this size; a larger request gets an array of its own. */
  private static final int MAX_RETAINED = 1 << 20;

  private final CRC32C crc = new CRC32C();
  private byte[] buffer = new byte[64 << 10];
  private byte[] last = buffer;

  /**
   * Frames one record into {@link #array()} and returns its size in bytes. The array is valid
   * until the next call.
   */
  int encode(Signal signal, int items, long writtenAtMillis, Message request) {
    int requestSize = request.getSerializedSize();
    int size = HEAD + requestSize;
    byte[] out = arrayOf(size);
    ByteBuffer head = ByteBuffer.wrap(out, 0, HEAD);
    head.putInt(BODY_PREFIX + requestSize).putInt(0)
        .put((byte) signal.ordinal()).putInt(items).putLong(writtenAtMillis);
    CodedOutputStream stream = CodedOutputStream.newInstance(out, HEAD, requestSize);
    try {
      request.writeTo(stream);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + signal.configName() + " request", e);
    }
    stream.checkNoSpaceLeft();
    ByteBuffer.wrap(out, 4, 4).putInt(crcOf(crc, out, FRAME, size - FRAME));
    return size;
  }

  /** The array the last {@link #encode} wrote into. */
  byte[] array() {
    return last;
  }

  private byte[] arrayOf(int size) {
    if (size > buffer.length) {
      if (size > MAX_RETAINED) {
        last = new byte[size];
        return last;
      }
      buffer = new byte[Math.max(size, Math.min(MAX_RETAINED, 2 * buffer.length))];
    }
    last = buffer;
    return last;
  }

  private static int crcOf(CRC32C crc, byte[] bytes, int offset, int length) {
    crc.reset();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /**
   * The fixed part of a stored record, read from its first {@link #HEAD} bytes.
   *
   * @param bodyLength the body's length, as framed
   * @param crc the body's CRC32C, as framed
   */
  record Head(int bodyLength, int crc, Signal signal, int items, long writtenAtMillis) {

    /** The record's size in the file: frame and body. */
    long size() {
      return FRAME + (long) bodyLength;
    }
  }

  /**
   * Reads the head at the start of {@code bytes} (at least {@link #HEAD} long) of a record that
   * has {@code available} bytes before the end of its file.
   *
   * @throws CorruptRecordException when the frame cannot belong to a whole record
   */
  static Head head(byte[] bytes, long available) throws CorruptRecordException {
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, HEAD);
    int bodyLength = in.getInt();
    int crc = in.getInt();
    if (bodyLength < BODY_PREFIX) {
      throw new CorruptRecordException("its length " + bodyLength + " is shorter than a record"
          + (bodyLength == 0 ? " (zeros: the file was extended but never written)" : ""));
    }
    if (FRAME + (long) bodyLength > available) {
      throw new CorruptRecordException("its length " + bodyLength + " runs past the end of the "
          + "file (" + (available - FRAME) + " bytes left): it was torn while being written");
    }
    int ordinal = in.get();
    Signal[] signals = Signal.values();
    if (ordinal < 0 || ordinal >= signals.length) {
      throw new CorruptRecordException("its signal " + ordinal + " is unknown");
    }
    return new Head(bodyLength, crc, signals[ordinal], in.getInt(), in.getLong());
  }

  /**
   * Checks the CRC32C of a body read whole into {@code body}.
   *
   * @throws CorruptRecordException when it does not match the frame's
   */
  static void check(Head head, byte[] body) throws CorruptRecordException {
    int actual = crcOf(new CRC32C(), body, 0, head.bodyLength());
    if (actual != head.crc()) {
      throw new CorruptRecordException("its CRC32C is " + Integer.toHexString(actual)
          + " where the frame says " + Integer.toHexString(head.crc()));
    }
  }

  /** A record that cannot be trusted; the message says why, to follow "the record at ...". */
  static final class CorruptRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptRecordException(String message) {
      super(message, null, false, false);
    }
  }
}
