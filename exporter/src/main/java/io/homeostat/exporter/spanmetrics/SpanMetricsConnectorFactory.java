package io.homeostat.exporter.spanmetrics;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ConnectorFactory;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code spanmetrics} connector: request, error and duration (RED) metrics per requirement
 * from spans, as the OpenTelemetry Collector's spanmetrics connector makes them per service. It
 * ends traces pipelines and starts metrics pipelines.
 */
public final class SpanMetricsConnectorFactory implements ConnectorFactory<SpanMetricsConfig> {

  @Override
  public String type() {
    return "spanmetrics";
  }

  @Override
  public SpanMetricsConfig createDefaultConfig() {
    return SpanMetricsConfig.DEFAULT;
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
  public Connector create(ComponentSettings settings, SpanMetricsConfig config,
      Set<Signal> inputs, Map<Signal, RequestConsumer> outputs) {
    RequestConsumer metrics = outputs.get(Signal.METRICS);
    if (metrics == null) {
      throw new IllegalArgumentException("connector " + settings.id() + " makes metrics: list it "
          + "under the receivers of a metrics pipeline");
    }
    return new SpanMetricsConnector(settings, config, metrics, Clock.systemUTC());
  }
}
