package io.homeostat.benchmarks.load;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;

/** How the server answered one attempt to send one export request. */
public sealed interface SendResult permits SendResult.Accepted, SendResult.Refused, SendResult.Failed {

  /** Taken; {@code rejectedItems} of it were not (OTLP partial success). */
  record Accepted(long rejectedItems) implements SendResult {

    private static final Accepted ALL = new Accepted(0);

    /**
     * Reads the rejected count from an encoded export response of any signal: the three responses
     * have the same shape (field 1 {@code partial_success}, whose field 1 is the int64 count).
     */
    static Accepted of(byte[] response) {
      if (response == null || response.length == 0) {
        return ALL;
      }
      try {
        long rejected = ExportTraceServiceResponse.parseFrom(response).getPartialSuccess().getRejectedSpans();
        return rejected == 0 ? ALL : new Accepted(rejected);
      } catch (InvalidProtocolBufferException e) {
        return ALL;
      }
    }
  }

  /**
   * A retryable answer: gRPC {@code UNAVAILABLE} and its kind, HTTP 429/502/503/504, or a
   * connection that could not be made.
   *
   * @param retryAfter what the server asked for (RetryInfo, Retry-After), or null when it did not
   */
  record Refused(Duration retryAfter, String reason) implements SendResult {}

  /** An answer that must not be retried. */
  record Failed(String reason) implements SendResult {}
}
