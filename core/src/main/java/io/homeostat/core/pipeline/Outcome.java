package io.homeostat.core.pipeline;

import java.time.Duration;

/**
 * What became of one export request, as its receiver reports it to the client.
 *
 * <p>When a request was split or merged on its way through the pipelines, the parts' outcomes are
 * combined with {@link #combine}: the worst one wins ({@link Invalid} over {@link Refused} over
 * {@link Accepted}), and accepted parts add up their rejected counts.
 */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Refused, Outcome.Invalid {

  /** Everything was taken. */
  Accepted ACCEPTED = new Accepted(0, "");

  /**
   * The request was taken; {@code rejected} records were not and will never be (OTLP partial
   * success). A message with no rejected records is a warning to the client.
   */
  record Accepted(long rejected, String message) implements Outcome {
    public Accepted {
      if (rejected < 0) {
        throw new IllegalArgumentException("rejected must be non-negative, was " + rejected);
      }
      message = message == null ? "" : message;
    }

    /** True when the client must be told about rejected records or a warning. */
    public boolean isPartial() {
      return rejected > 0 || !message.isEmpty();
    }
  }

  /**
   * Nothing needs to be kept by the client's side yet, but it must send again later: the ring or a
   * queue was full, or the server is shutting down. Answered as gRPC {@code UNAVAILABLE} with
   * {@code RetryInfo} and HTTP 503 with {@code Retry-After}.
   */
  record Refused(Duration retryAfter, String reason) implements Outcome {}

  /**
   * The request must not be sent again as it is: answered as gRPC {@code INVALID_ARGUMENT} and
   * HTTP 400 with {@code message}.
   */
  record Invalid(String message) implements Outcome {}

  /** Returns the outcome of a request whose parts ended as {@code a} and {@code b}. */
  static Outcome combine(Outcome a, Outcome b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a instanceof Invalid) {
      return a;
    }
    if (b instanceof Invalid) {
      return b;
    }
    if (a instanceof Refused) {
      return a;
    }
    if (b instanceof Refused) {
      return b;
    }
    Accepted x = (Accepted) a;
    Accepted y = (Accepted) b;
    if (!y.isPartial()) {
      return x;
    }
    if (!x.isPartial()) {
      return y;
    }
    String message = x.message().isEmpty() ? y.message()
        : y.message().isEmpty() || x.message().equals(y.message()) ? x.message()
        : x.message() + "; " + y.message();
    return new Accepted(x.rejected() + y.rejected(), message);
  }
}
