package io.homeostat.processor.requirements;

import com.google.protobuf.ByteString;

/**
 * Trace and span ids as longs, read without copying: 0 stands for an id that is absent or not of
 * its OTLP length (an all-zero id is invalid in W3C trace context, so 0 never names a real one).
 */
final class SpanIds {

  private SpanIds() {}

  /** The span id, or 0. */
  static long span(ByteString id) {
    return id.size() == 8 ? longAt(id, 0) : 0;
  }

  /** The first half of the trace id, or 0. */
  static long traceHigh(ByteString id) {
    return id.size() == 16 ? longAt(id, 0) : 0;
  }

  /** The second half of the trace id, or 0. */
  static long traceLow(ByteString id) {
    return id.size() == 16 ? longAt(id, 8) : 0;
  }

  private static long longAt(ByteString id, int offset) {
    long value = 0;
    for (int i = offset; i < offset + 8; i++) {
      value = value << 8 | (id.byteAt(i) & 0xff);
    }
    return value;
  }
}
