package io.homeostat.exporter.loki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the encoder's output back field by field, with push.proto's numbers. */
class ProtoPushEncoderTest {

  private static Stream stream(String selector, String[] labels, Entry... entries) {
    Stream stream = new Stream(labels, selector);
    stream.entries().addAll(List.of(entries));
    return stream;
  }

  @Test
  void streamsEntriesTimestampsAndMetadataCarryPushProtosFieldNumbers() throws IOException {
    List<Stream> streams = List.of(
        stream("{service_name=\"auth\"}", new String[] {"service_name", "auth"},
            new Entry(1_700_000_000_123_456_789L, "login ok",
                new String[] {"trace_id", "4bf9", "span_id", "00f0"}),
            new Entry(1_700_000_001_000_000_000L, "", new String[0])),
        stream("{req=\"REQ-B\"}", new String[] {"req", "REQ-B"},
            new Entry(5, "grüße 😀", new String[] {"user_id", "u-1"})));
    byte[] compressed = ProtoPushEncoder.encodeCompressed(streams);
    byte[] body = ProtoPushEncoder.encode(streams);
    SnappyDecompressor snappy = new SnappyDecompressor();
    byte[] decompressed = new byte[SnappyDecompressor.getUncompressedLength(compressed, 0)];
    snappy.decompress(compressed, 0, compressed.length, decompressed, 0, decompressed.length);
    assertArrayEquals(body, decompressed);

    assertEquals(List.of(
        "{service_name=\"auth\"}",
        "  1700000000.123456789 'login ok' trace_id=4bf9 span_id=00f0",
        "  1700000001.0 ''",
        "{req=\"REQ-B\"}",
        "  0.5 'grüße 😀' user_id=u-1"), decode(body));
  }

  @Test
  void timesBeforeTheEpochHaveNonNegativeNanos() throws IOException {
    byte[] body = ProtoPushEncoder.encode(List.of(stream("{a=\"b\"}", new String[] {"a", "b"},
        new Entry(-1, "x", new String[0]))));
    assertEquals("  -1.999999999 'x'", decode(body).get(1));
  }

  @Test
  void noStreamsIsAnEmptyRequest() {
    assertEquals(0, ProtoPushEncoder.encode(List.of()).length);
  }

  private static int lengthDelimited(int field) {
    return field << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  }

  /** One line per stream (its labels) and per entry (seconds.nanos, line, metadata). */
  private static List<String> decode(byte[] body) throws IOException {
    List<String> out = new ArrayList<>();
    CodedInputStream push = CodedInputStream.newInstance(body);
    while (!push.isAtEnd()) {
      int tag = push.readTag();
      assertEquals(lengthDelimited(1), tag);
      CodedInputStream stream = CodedInputStream.newInstance(push.readByteArray());
      while (!stream.isAtEnd()) {
        int field = WireFormat.getTagFieldNumber(stream.readTag());
        if (field == 1) {
          out.add(stream.readString());
        } else {
          assertEquals(2, field);
          out.add(entry(stream.readByteArray()));
        }
      }
    }
    return out;
  }

  private static String entry(byte[] bytes) throws IOException {
    CodedInputStream entry = CodedInputStream.newInstance(bytes);
    StringBuilder out = new StringBuilder("  ");
    List<Integer> fields = new ArrayList<>();
    while (!entry.isAtEnd()) {
      int field = WireFormat.getTagFieldNumber(entry.readTag());
      fields.add(field);
      switch (field) {
        case 1 -> {
          CodedInputStream timestamp = CodedInputStream.newInstance(entry.readByteArray());
          long seconds = 0;
          int nanos = 0;
          while (!timestamp.isAtEnd()) {
            int part = WireFormat.getTagFieldNumber(timestamp.readTag());
            if (part == 1) {
              seconds = timestamp.readInt64();
            } else {
              assertEquals(2, part);
              nanos = timestamp.readInt32();
            }
          }
          assertTrue(nanos >= 0 && nanos < 1_000_000_000, "nanos " + nanos);
          out.append(seconds).append('.').append(nanos);
        }
        case 2 -> out.append(" '").append(entry.readString()).append('\'');
        case 3 -> {
          CodedInputStream pair = CodedInputStream.newInstance(entry.readByteArray());
          assertEquals(lengthDelimited(1),
              pair.readTag());
          out.append(' ').append(pair.readString());
          assertEquals(lengthDelimited(2),
              pair.readTag());
          out.append('=').append(pair.readString());
          assertTrue(pair.isAtEnd());
        }
        default -> throw new AssertionError("unexpected field " + field);
      }
    }
    assertEquals(1, fields.get(0), "the timestamp comes first");
    return out.toString();
  }
}
