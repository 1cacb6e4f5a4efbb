package io.homeostat.exporter.sending;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.TestRequests;
import io.homeostat.exporter.sending.RecordFormat.CorruptRecordException;
import io.homeostat.exporter.sending.RecordFormat.Head;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordFormatTest {

  private final RecordFormat format = new RecordFormat();

  private byte[] encode(Signal signal, int items, long at, Message request) {
    int size = format.encode(signal, items, at, request);
    return Arrays.copyOf(format.array(), size);
  }

  private static byte[] body(byte[] record) {
    return Arrays.copyOfRange(record, RecordFormat.FRAME, record.length);
  }

  @Test
  void aRecordIsItsLengthItsCrc32cAndABodyOfSignalItemsTimeAndRequest() throws Exception {
    Message request = TestRequests.logRecords(3);
    byte[] record = encode(Signal.LOGS, 3, 1_700_000_000_123L, request);

    byte[] serialized = request.toByteArray();
    ByteBuffer in = ByteBuffer.wrap(record);
    assertEquals(RecordFormat.HEAD + serialized.length, record.length);
    assertEquals(RecordFormat.BODY_PREFIX + serialized.length, in.getInt());
    CRC32C crc = new CRC32C();
    crc.update(record, RecordFormat.FRAME, record.length - RecordFormat.FRAME);
    assertEquals((int) crc.getValue(), in.getInt());
    assertEquals(Signal.LOGS.ordinal(), in.get());
    assertEquals(3, in.getInt());
    assertEquals(1_700_000_000_123L, in.getLong());
    assertArrayEquals(serialized, Arrays.copyOfRange(record, RecordFormat.HEAD, record.length));

    Head head = RecordFormat.head(record, record.length);
    assertEquals(new Head(RecordFormat.BODY_PREFIX + serialized.length, (int) crc.getValue(),
        Signal.LOGS, 3, 1_700_000_000_123L), head);
    assertEquals(record.length, head.size());
    RecordFormat.check(head, body(record));
  }

  @Test
  void aRequestLargerThanTheReusedArrayIsFramedWhole() throws Exception {
    ExportTraceServiceRequest large = TestRequests.spans(20_000);
    byte[] record = encode(Signal.TRACES, 20_000, 1, large);
    Head head = RecordFormat.head(record, record.length);
    RecordFormat.check(head, body(record));
    assertEquals(large, ExportTraceServiceRequest.parseFrom(
        Arrays.copyOfRange(record, RecordFormat.HEAD, record.length)));

    byte[] small = encode(Signal.TRACES, 1, 2, TestRequests.spans(1));
    RecordFormat.check(RecordFormat.head(small, small.length), body(small));
  }

  @Test
  void aZeroLengthIsWhatAnUnwrittenTailHolds() {
    CorruptRecordException e = assertThrows(CorruptRecordException.class,
        () -> RecordFormat.head(new byte[RecordFormat.HEAD], 4096));
    assertEquals("its length 0 is shorter than a record (zeros: the file was extended but never "
        + "written)", e.getMessage());
  }

  @Test
  void aLengthPastTheEndOfTheFileIsATornWrite() {
    byte[] record = encode(Signal.TRACES, 1, 1, TestRequests.spans(1));
    CorruptRecordException e = assertThrows(CorruptRecordException.class,
        () -> RecordFormat.head(record, record.length - 1));
    assertEquals("its length " + (record.length - RecordFormat.FRAME) + " runs past the end of "
        + "the file (" + (record.length - 1 - RecordFormat.FRAME) + " bytes left): it was torn "
        + "while being written", e.getMessage());
  }

  @Test
  void aFlippedByteInTheBodyFailsTheCrc() throws Exception {
    byte[] record = encode(Signal.METRICS, 2, 1, TestRequests.metricPoints(2));
    byte[] body = body(record);
    body[body.length / 2] ^= 0x10;
    Head head = RecordFormat.head(record, record.length);
    CorruptRecordException e = assertThrows(CorruptRecordException.class,
        () -> RecordFormat.check(head, body));
    assertEquals(true, e.getMessage().startsWith("its CRC32C is "), e.getMessage());
    assertEquals(true, e.getMessage().endsWith(" where the frame says "
        + Integer.toHexString(head.crc())), e.getMessage());
  }

  @Test
  void anUnknownSignalIsRefused() {
    byte[] record = encode(Signal.TRACES, 1, 1, TestRequests.spans(1));
    record[RecordFormat.FRAME] = 7;
    CorruptRecordException e = assertThrows(CorruptRecordException.class,
        () -> RecordFormat.head(record, record.length));
    assertEquals("its signal 7 is unknown", e.getMessage());
  }
}
