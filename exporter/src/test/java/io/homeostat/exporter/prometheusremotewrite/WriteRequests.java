package io.homeostat.exporter.prometheusremotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads a remote-write body back, as a receiver would: snappy block decompression, then the
 * {@code WriteRequest} field by field with {@link CodedInputStream}, failing on any field the
 * specification does not have.
 */
final class WriteRequests {

  /** The stale marker's bits. */
  static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  private WriteRequests() {}

  /** One sample; the value kept as its raw bits, so that the stale marker's NaN is exact. */
  record Sample(long valueBits, long timestampMillis) {
    double value() {
      return Double.longBitsToDouble(valueBits);
    }

    @Override
    public String toString() {
      return (valueBits == STALE_NAN_BITS ? "stale" : Double.toString(value())) + " @"
          + timestampMillis;
    }
  }

  /** One series: its labels in the order they were sent, and its samples. */
  record Series(List<String[]> labels, List<Sample> samples) {
    /** {@code {__name__="x",a="1"} 2.0 @1795256110000}, one sample after another. */
    @Override
    public String toString() {
      StringJoiner out = new StringJoiner(",", "{", "}");
      labels.forEach(label -> out.add(label[0] + "=\"" + label[1] + "\""));
      StringJoiner samplesOut = new StringJoiner(", ");
      samples.forEach(sample -> samplesOut.add(sample.toString()));
      return out + " " + samplesOut;
    }
  }

  /** The series of a snappy-compressed {@code WriteRequest}. */
  static List<Series> decode(byte[] body) throws IOException {
    byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(body, 0)];
    int length = new SnappyDecompressor().decompress(body, 0, body.length, raw, 0, raw.length);
    assertEquals(raw.length, length, "snappy block length");
    CodedInputStream in = CodedInputStream.newInstance(raw);
    List<Series> series = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      expect(tag, 1, WireFormat.WIRETYPE_LENGTH_DELIMITED, "WriteRequest");
      series.add(series(CodedInputStream.newInstance(in.readByteArray())));
    }
    return series;
  }

  private static Series series(CodedInputStream in) throws IOException {
    List<String[]> labels = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        expect(tag, 1, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TimeSeries");
        labels.add(label(CodedInputStream.newInstance(in.readByteArray())));
      } else {
        expect(tag, 2, WireFormat.WIRETYPE_LENGTH_DELIMITED, "TimeSeries");
        samples.add(sample(CodedInputStream.newInstance(in.readByteArray())));
      }
    }
    return new Series(labels, samples);
  }

  private static String[] label(CodedInputStream in) throws IOException {
    String[] label = new String[2];
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = WireFormat.getTagFieldNumber(tag);
      expect(tag, field == 1 ? 1 : 2, WireFormat.WIRETYPE_LENGTH_DELIMITED, "Label");
      label[field - 1] = in.readString();
    }
    return label;
  }

  private static Sample sample(CodedInputStream in) throws IOException {
    long bits = 0;
    long millis = 0;
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        expect(tag, 1, WireFormat.WIRETYPE_FIXED64, "Sample");
        bits = in.readFixed64();
      } else {
        expect(tag, 2, WireFormat.WIRETYPE_VARINT, "Sample");
        millis = in.readInt64();
      }
    }
    return new Sample(bits, millis);
  }

  private static void expect(int tag, int field, int wireType, String message) {
    if (WireFormat.getTagFieldNumber(tag) != field || WireFormat.getTagWireType(tag) != wireType) {
      fail(message + " has no field " + WireFormat.getTagFieldNumber(tag) + " of wire type "
          + WireFormat.getTagWireType(tag));
    }
  }
}
