package io.homeostat.receiver.otlp;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ReceiverFactory;
import io.homeostat.core.pipeline.Receiver;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Builds {@code otlp} receivers: OTLP/gRPC and OTLP/HTTP for traces, metrics and logs. */
public final class OtlpReceiverFactory implements ReceiverFactory<OtlpReceiverConfig> {

  @Override
  public String type() {
    return "otlp";
  }

  @Override
  public OtlpReceiverConfig createDefaultConfig() {
    return OtlpReceiverConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Receiver create(ComponentSettings settings, OtlpReceiverConfig config,
      Map<Signal, RequestConsumer> consumers) {
    return new OtlpReceiver(settings, config, consumers);
  }
}
