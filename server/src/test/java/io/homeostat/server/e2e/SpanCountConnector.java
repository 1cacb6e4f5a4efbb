package io.homeostat.server.e2e;

import com.google.protobuf.Message;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ConnectorFactory;
import io.homeostat.core.component.Deadline;
import io.homeostat.core.otlp.OtlpRequests;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test connector: counts the spans it is offered and, when it stops, hands one sum metric
 * {@code spans_seen} to the metrics pipelines that receive from it.
 */
public final class SpanCountConnector implements ConnectorFactory<SpanCountConnector.Config> {

  public record Config() {}

  @Override
  public String type() {
    return "spancount";
  }

  @Override
  public Config createDefaultConfig() {
    return new Config();
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.of(Signal.TRACES);
  }

  @Override
  public Set<Signal> outputs(Signal input) {
    return input == Signal.TRACES ? EnumSet.of(Signal.METRICS) : EnumSet.noneOf(Signal.class);
  }

  @Override
  public Connector create(ComponentSettings settings, Config config, Set<Signal> inputs,
      Map<Signal, RequestConsumer> outputs) {
    AtomicLong spans = new AtomicLong();
    return new Connector() {
      @Override
      public boolean offer(Signal signal, Message request) {
        spans.addAndGet(OtlpRequests.itemCount(request));
        return true;
      }

      @Override
      public void shutdown(Deadline deadline) {
        outputs.get(Signal.METRICS).consume(ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(ResourceMetrics.newBuilder().addScopeMetrics(ScopeMetrics.newBuilder()
                .addMetrics(Metric.newBuilder().setName("spans_seen").setSum(Sum.newBuilder()
                    .setIsMonotonic(true)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(NumberDataPoint.newBuilder().setAsInt(spans.get())))))).build(),
            outcome -> { });
      }
    };
  }
}
