package io.homeostat.exporter.sending;

import com.google.protobuf.Message;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.Signal;

/**
 * What an exporter supplies to {@link QueuedExporter}: how to send one request, once. Queueing,
 * retries, timeouts and counting are the helper's.
 *
 * <p>{@link #send} is called from the helper's consumer threads, by several at once when
 * {@code sending_queue.num_consumers} is above one.
 */
public interface Sender {

  /** Opens what sending needs (channels, files); an exception stops the server's start. */
  default void start() throws Exception {}

  /**
   * Delivers {@code request} or throws. Must give up by {@code deadline}.
   *
   * @return {@link Outcome#ACCEPTED}, or the backend's partial success (items it rejected for good)
   * @throws PermanentExportException when sending the same request again cannot succeed
   * @throws ExportException when a later attempt may succeed; its message says what to check
   */
  Outcome.Accepted send(Signal signal, Message request, Deadline deadline) throws ExportException;

  /** Releases what {@link #start} opened; called once no send is under way any more. */
  default void shutdown() {}
}
