package io.homeostat.exporter.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.homeostat.core.config.Durations;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.exporter.sending.ExportException;
import io.homeostat.exporter.sending.PermanentExportException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Turns a failed gRPC call into an {@link ExportException} as OTLP says (retryable codes, and
 * RESOURCE_EXHAUSTED only with {@code RetryInfo}), with a message that says what to check.
 */
final class GrpcFailures {

  /** The codes OTLP/gRPC clients retry (OTLP specification, "Failures"). */
  private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.CANCELLED,
      Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED, Status.Code.OUT_OF_RANGE,
      Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

  private GrpcFailures() {}

  static ExportException classify(StatusRuntimeException e, Signal signal, String endpoint,
      Duration timeout) {
    Status status = e.getStatus();
    Duration retryAfter = retryDelay(e);
    String message = "the OTLP/gRPC backend at " + endpoint + " answered " + status.getCode()
        + describe(status) + hint(status, signal, timeout, retryAfter);
    boolean retryable = RETRYABLE.contains(status.getCode())
        || status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryAfter != null;
    if (!retryable) {
      return new PermanentExportException(message, e);
    }
    return new ExportException(message, retryAfter == null ? Duration.ZERO : retryAfter, e);
  }

  /** The status's description, and the local cause (such as a refused connection) if any. */
  private static String describe(Status status) {
    String description = status.getDescription() == null ? "" : status.getDescription();
    Throwable cause = status.getCause();
    String because = cause == null ? ""
        : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    if (description.isEmpty()) {
      return because.isEmpty() ? "" : ": " + because;
    }
    return ": " + description + (because.isEmpty() ? "" : " (" + because + ")");
  }

  private static String hint(Status status, Signal signal, Duration timeout, Duration retryAfter) {
    return switch (status.getCode()) {
      case UNAVAILABLE -> hasCause(status, SSLException.class)
          ? "; the TLS handshake failed: check tls.ca_file (or the system trust store), "
              + "tls.cert_file and tls.key_file, and that the server's certificate names the "
              + "endpoint's host; set tls.insecure: true if the backend listens in plaintext"
          : "; check that the endpoint is right and the backend is up, and that tls.insecure "
              + "matches how it listens (plaintext: true, TLS: false)";
      case DEADLINE_EXCEEDED -> "; no answer within timeout (" + Durations.format(timeout)
          + "): the backend is overloaded or unreachable, or raise timeout";
      case UNAUTHENTICATED, PERMISSION_DENIED ->
          "; check the credentials and tenant (such as X-Scope-OrgID) in headers";
      case UNIMPLEMENTED -> "; the endpoint does not serve OTLP " + signal.configName()
          + " over gRPC: check its port (OTLP/gRPC is usually 4317) and that the backend accepts "
          + signal.configName();
      case INVALID_ARGUMENT -> "; the backend refused the data as invalid";
      case RESOURCE_EXHAUSTED -> retryAfter != null ? "; the backend is throttling"
          : "; the request is over the backend's size limit or quota and will not be retried";
      default -> "";
    };
  }

  private static boolean hasCause(Status status, Class<? extends Throwable> type) {
    for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The delay of a {@code google.rpc.RetryInfo} detail, or null when there is none. */
  private static Duration retryDelay(StatusRuntimeException e) {
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details == null) {
      return null;
    }
    for (com.google.protobuf.Any detail : details.getDetailsList()) {
      if (detail.is(RetryInfo.class)) {
        try {
          com.google.protobuf.Duration delay = detail.unpack(RetryInfo.class).getRetryDelay();
          return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
        } catch (InvalidProtocolBufferException malformed) {
          return null;
        }
      }
    }
    return null;
  }
}
