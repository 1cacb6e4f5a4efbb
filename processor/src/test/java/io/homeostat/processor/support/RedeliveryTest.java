package io.homeostat.processor.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Message;
import io.homeostat.core.pipeline.Downstream;
import io.homeostat.core.pipeline.Outcome;
import io.homeostat.core.telemetry.Counter;
import io.homeostat.core.telemetry.MetricRegistry;
import io.homeostat.core.telemetry.RateLimitedLog;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedeliveryTest {

  private final Counter dropped = new MetricRegistry().counter("dropped_total", "test");
  private final Redelivery redelivery = new Redelivery("requirements", 2, dropped,
      new RateLimitedLog(LoggerFactory.getLogger(RedeliveryTest.class), Duration.ofSeconds(1)));

  /** Refuses while {@code full}, like a fan-out to a full exporter queue. */
  private static final class Exporters implements Downstream {
    boolean full = true;
    final List<Message> taken = new ArrayList<>();

    @Override
    public void accept(Message request, io.homeostat.core.pipeline.Ack ack) {
      if (full) {
        ack.release(new Outcome.Refused(Duration.ofSeconds(1), "full"));
      } else {
        taken.add(request);
        ack.accept();
      }
    }
  }

  private static ExportTraceServiceRequest spans(String name, int count) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < count; i++) {
      scope.addSpans(Span.newBuilder().setName(name));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build();
  }

  @Test
  void refusedDataIsKeptAndDeliveredOnceTheExportersTakeIt() {
    Exporters next = new Exporters();
    redelivery.emit(spans("a", 1), next);
    redelivery.emit(spans("b", 1), next);
    redelivery.retry(next);
    assertEquals(2, redelivery.pending());
    next.full = false;
    redelivery.retry(next);
    assertEquals(List.of(spans("a", 1), spans("b", 1)), next.taken);
    assertEquals(0, redelivery.pending());
    assertEquals(0, dropped.get());
  }

  @Test
  void pastItsBudgetAndAtShutdownWhatIsStillRefusedIsDroppedAndCounted() {
    Exporters next = new Exporters();
    redelivery.emit(spans("a", 3), next);
    redelivery.emit(spans("b", 1), next);
    redelivery.emit(spans("c", 1), next);
    assertEquals(2, redelivery.pending());
    assertEquals(3, dropped.get());
    redelivery.flush(next);
    assertEquals(0, redelivery.pending());
    assertEquals(5, dropped.get());
  }
}
