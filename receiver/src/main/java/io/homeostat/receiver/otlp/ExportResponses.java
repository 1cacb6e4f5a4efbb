package io.homeostat.receiver.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.homeostat.core.otlp.OtlpJsonException;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.time.Duration;

/** The messages both transports answer with: export responses and {@code google.rpc.Status}. */
final class ExportResponses {

  private static final ExportTraceServiceResponse TRACES_OK =
      ExportTraceServiceResponse.getDefaultInstance();
  private static final ExportMetricsServiceResponse METRICS_OK =
      ExportMetricsServiceResponse.getDefaultInstance();
  private static final ExportLogsServiceResponse LOGS_OK =
      ExportLogsServiceResponse.getDefaultInstance();

  private ExportResponses() {}

  /** The export response of {@code signal}; partial success is set only when there is one. */
  static Message of(Signal signal, Outcome.Accepted accepted) {
    return switch (signal) {
      case TRACES -> traces(accepted);
      case METRICS -> metrics(accepted);
      case LOGS -> logs(accepted);
    };
  }

  static ExportTraceServiceResponse traces(Outcome.Accepted accepted) {
    return !accepted.isPartial() ? TRACES_OK : ExportTraceServiceResponse.newBuilder()
        .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
            .setRejectedSpans(accepted.rejected()).setErrorMessage(accepted.message()))
        .build();
  }

  static ExportMetricsServiceResponse metrics(Outcome.Accepted accepted) {
    return !accepted.isPartial() ? METRICS_OK : ExportMetricsServiceResponse.newBuilder()
        .setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
            .setRejectedDataPoints(accepted.rejected()).setErrorMessage(accepted.message()))
        .build();
  }

  static ExportLogsServiceResponse logs(Outcome.Accepted accepted) {
    return !accepted.isPartial() ? LOGS_OK : ExportLogsServiceResponse.newBuilder()
        .setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
            .setRejectedLogRecords(accepted.rejected()).setErrorMessage(accepted.message()))
        .build();
  }

  static Status status(Code code, String message) {
    return Status.newBuilder().setCode(code.getNumber()).setMessage(message).build();
  }

  /**
   * {@code INVALID_ARGUMENT} for a body that does not decode; when the JSON decoder says which
   * field failed, a {@code BadRequest} detail names it, as OTLP asks for bad data.
   */
  static Status malformed(String message, IOException cause) {
    Status.Builder status = Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE)
        .setMessage(message);
    if (cause instanceof OtlpJsonException json && !json.path().isEmpty()) {
      status.addDetails(Any.pack(BadRequest.newBuilder()
          .addFieldViolations(BadRequest.FieldViolation.newBuilder()
              .setField(json.path()).setDescription(json.reason()))
          .build()));
    }
    return status.build();
  }

  /** {@code UNAVAILABLE} with a {@code RetryInfo} detail: the client should send again later. */
  static Status refused(Outcome.Refused refused) {
    Duration delay = retryDelay(refused);
    return Status.newBuilder().setCode(Code.UNAVAILABLE_VALUE).setMessage(refusedMessage(refused))
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                .setSeconds(delay.getSeconds()).setNanos(delay.getNano()))
            .build()))
        .build();
  }

  private static String refusedMessage(Outcome.Refused refused) {
    return refused.reason() == null || refused.reason().isEmpty()
        ? "the pipeline is busy: send again later" : refused.reason();
  }

  /** The delay to ask for, in whole seconds and at least one, as HTTP's Retry-After takes it. */
  static long retryAfterSeconds(Outcome.Refused refused) {
    Duration delay = retryDelay(refused);
    long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static Duration retryDelay(Outcome.Refused refused) {
    Duration delay = refused.retryAfter();
    return delay == null || delay.isNegative() ? Duration.ZERO : delay;
  }
}
