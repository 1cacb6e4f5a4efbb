package io.homeostat.core.pipeline;

import com.google.protobuf.Message;

/**
 * Where a receiver hands each decoded export request: the entry of every pipeline of one signal that
 * lists the receiver.
 */
@FunctionalInterface
public interface RequestConsumer {

  /**
   * Takes one export request ({@code ExportTraceServiceRequest}, {@code ExportMetricsServiceRequest}
   * or {@code ExportLogsServiceRequest}). Never blocks. {@code completion} is called exactly once,
   * perhaps before this method returns (for example with {@link Outcome.Refused} when the ring is
   * full).
   */
  void consume(Message request, Completion completion);
}
