package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;

/**
 * Reads a trace id's bytes in place ({@link ByteString#byteAt}), so that deciding on a span copies
 * nothing.
 */
final class TraceIds {

  /** Trace ids are 16 bytes; anything else (empty, truncated) cannot be sampled consistently. */
  static final int SIZE = 16;
  /** The W3C Trace Context level 2 random part: the least-significant 7 bytes. */
  static final long RANDOMNESS_MASK = (1L << 56) - 1;

  private TraceIds() {}

  static boolean valid(ByteString traceId) {
    return traceId.size() == SIZE;
  }

  /** Bytes 0 to 7, big-endian. */
  static long high(ByteString traceId) {
    return readLong(traceId, 0);
  }

  /** Bytes 8 to 15, big-endian. */
  static long low(ByteString traceId) {
    return readLong(traceId, 8);
  }

  /** The 56 random bits OpenTelemetry's consistent probability sampling compares. */
  static long randomness(ByteString traceId) {
    return low(traceId) & RANDOMNESS_MASK;
  }

  private static long readLong(ByteString bytes, int from) {
    long value = 0;
    for (int i = from; i < from + 8; i++) {
      value = value << 8 | (bytes.byteAt(i) & 0xff);
    }
    return value;
  }
}
