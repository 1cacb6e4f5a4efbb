package io.homeostat.exporter.loki;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.airlift.compress.snappy.SnappyCompressor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes streams as Loki's {@code logproto.PushRequest} (pkg/push/push.proto) with protobuf's
 * {@link CodedOutputStream}, and compresses it with snappy's block format, as Loki reads it.
 * Loki's messages are not on the classpath and need no builder: sizes are computed first, so
 * that the body is written once into an array of its exact length.
 */
final class ProtoPushEncoder {

  // Field numbers of push.proto and google/protobuf/timestamp.proto.
  static final int PUSH_STREAMS = 1;
  static final int STREAM_LABELS = 1;
  static final int STREAM_ENTRIES = 2;
  static final int ENTRY_TIMESTAMP = 1;
  static final int ENTRY_LINE = 2;
  static final int ENTRY_STRUCTURED_METADATA = 3;
  static final int PAIR_NAME = 1;
  static final int PAIR_VALUE = 2;
  static final int TIMESTAMP_SECONDS = 1;
  static final int TIMESTAMP_NANOS = 2;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ProtoPushEncoder() {}

  /** The snappy-compressed {@code PushRequest} of {@code streams}. */
  static byte[] encodeCompressed(Collection<Stream> streams) {
    byte[] body = encode(streams);
    SnappyCompressor snappy = new SnappyCompressor();
    byte[] compressed = new byte[snappy.maxCompressedLength(body.length)];
    int length = snappy.compress(body, 0, body.length, compressed, 0, compressed.length);
    return Arrays.copyOf(compressed, length);
  }

  /** The {@code PushRequest} of {@code streams}, uncompressed. */
  static byte[] encode(Collection<Stream> streams) {
    int[][] entrySizes = new int[streams.size()][];
    int[] streamSizes = new int[streams.size()];
    int total = 0;
    int s = 0;
    for (Stream stream : streams) {
      entrySizes[s] = new int[stream.entries().size()];
      int size = CodedOutputStream.computeStringSize(STREAM_LABELS, stream.selector());
      for (int e = 0; e < entrySizes[s].length; e++) {
        entrySizes[s][e] = entrySize(stream.entries().get(e));
        size += nestedSize(STREAM_ENTRIES, entrySizes[s][e]);
      }
      streamSizes[s] = size;
      total += nestedSize(PUSH_STREAMS, size);
      s++;
    }
    byte[] body = new byte[total];
    CodedOutputStream out = CodedOutputStream.newInstance(body);
    try {
      s = 0;
      for (Stream stream : streams) {
        out.writeTag(PUSH_STREAMS, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(streamSizes[s]);
        out.writeString(STREAM_LABELS, stream.selector());
        for (int e = 0; e < entrySizes[s].length; e++) {
          out.writeTag(STREAM_ENTRIES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(entrySizes[s][e]);
          writeEntry(stream.entries().get(e), out);
        }
        s++;
      }
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException("encoding into an array of the computed size failed", e);
    }
    return body;
  }

  private static int entrySize(Entry entry) {
    int size = nestedSize(ENTRY_TIMESTAMP, timestampSize(entry.nanos()))
        + CodedOutputStream.computeStringSize(ENTRY_LINE, entry.line());
    String[] metadata = entry.metadata();
    for (int i = 0; i < metadata.length; i += 2) {
      size += nestedSize(ENTRY_STRUCTURED_METADATA, pairSize(metadata[i], metadata[i + 1]));
    }
    return size;
  }

  private static void writeEntry(Entry entry, CodedOutputStream out) throws IOException {
    long seconds = Math.floorDiv(entry.nanos(), NANOS_PER_SECOND);
    int nanos = (int) Math.floorMod(entry.nanos(), NANOS_PER_SECOND);
    out.writeTag(ENTRY_TIMESTAMP, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(timestampSize(entry.nanos()));
    if (seconds != 0) {
      out.writeInt64(TIMESTAMP_SECONDS, seconds);
    }
    if (nanos != 0) {
      out.writeInt32(TIMESTAMP_NANOS, nanos);
    }
    out.writeString(ENTRY_LINE, entry.line());
    String[] metadata = entry.metadata();
    for (int i = 0; i < metadata.length; i += 2) {
      out.writeTag(ENTRY_STRUCTURED_METADATA, WireFormat.WIRETYPE_LENGTH_DELIMITED);
      out.writeUInt32NoTag(pairSize(metadata[i], metadata[i + 1]));
      out.writeString(PAIR_NAME, metadata[i]);
      out.writeString(PAIR_VALUE, metadata[i + 1]);
    }
  }

  private static int timestampSize(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
    return (seconds == 0 ? 0 : CodedOutputStream.computeInt64Size(TIMESTAMP_SECONDS, seconds))
        + (nanos == 0 ? 0 : CodedOutputStream.computeInt32Size(TIMESTAMP_NANOS, nanos));
  }

  private static int pairSize(String name, String value) {
    return CodedOutputStream.computeStringSize(PAIR_NAME, name)
        + CodedOutputStream.computeStringSize(PAIR_VALUE, value);
  }

  /** The bytes of a length-delimited field of {@code size} bytes: tag, length, content. */
  private static int nestedSize(int field, int size) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(size)
        + size;
  }
}
