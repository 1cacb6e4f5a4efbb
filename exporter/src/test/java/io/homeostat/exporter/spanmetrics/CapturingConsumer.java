package io.homeostat.exporter.spanmetrics;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Completion;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.pipeline.RequestConsumer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stands for the metrics pipelines: keeps what the connector hands over and answers as told,
 * accepting by default.
 */
final class CapturingConsumer implements RequestConsumer {

  static final Outcome FULL = new Outcome.Refused(Duration.ofSeconds(1), "the pipeline is full");

  private final BlockingQueue<ExportMetricsServiceRequest> requests = new LinkedBlockingQueue<>();
  private volatile Outcome answer = Outcome.ACCEPTED;

  void answer(Outcome outcome) {
    answer = outcome;
  }

  @Override
  public void consume(Message request, Completion completion) {
    requests.add((ExportMetricsServiceRequest) request);
    completion.complete(answer);
  }

  /** The next request handed over; fails after 10 seconds without one. */
  ExportMetricsServiceRequest next() throws InterruptedException {
    ExportMetricsServiceRequest request = requests.poll(10, TimeUnit.SECONDS);
    if (request == null) {
      throw new AssertionError("the connector handed over no metrics within 10 seconds");
    }
    return request;
  }

  /** The number of requests handed over and not yet taken with {@link #next}. */
  int pending() {
    return requests.size();
  }
}
