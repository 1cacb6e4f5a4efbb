package io.homeostat.processor.sampling;

import com.google.protobuf.ByteString;

/**
 * OpenTelemetry's consistent probability sampling by trace id (specification: "TraceState:
 * Probability Sampling"; the Collector's {@code pkg/sampling}). The ratio becomes a 56-bit
 * rejection threshold {@code 2^56 - round(ratio * 2^56)}, and a trace is kept when the 56 random
 * bits of its id are at least the threshold. The decision is a pure function of the trace id, so
 * every span and log record of a trace gets the same one in every request, pipeline and Homeostat
 * instance, and a trace kept at a ratio is kept at every higher ratio too.
 */
final class ConsistentRatio {

  /** 2^56: the number of distinct randomness values. */
  private static final long MAX_ADJUSTED_COUNT = 1L << 56;

  private final long threshold;

  ConsistentRatio(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio must be between 0 and 1, was " + ratio);
    }
    this.threshold = MAX_ADJUSTED_COUNT - Math.round(ratio * MAX_ADJUSTED_COUNT);
  }

  /** True when the trace with this (valid, 16-byte) id is in the sample. */
  boolean keeps(ByteString traceId) {
    return TraceIds.randomness(traceId) >= threshold;
  }

  /** True when every trace is kept (ratio 1). */
  boolean keepsAll() {
    return threshold == 0;
  }

  /** The rejection threshold, as the specification's {@code th} value before encoding. */
  long threshold() {
    return threshold;
  }
}
