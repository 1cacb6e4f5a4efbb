package io.homeostat.server.config;

import io.homeostat.core.component.ComponentFactory;
import io.homeostat.core.component.ComponentRegistry;
import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ConnectorFactory;
import io.homeostat.core.component.ExporterFactory;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.component.ReceiverFactory;
import io.homeostat.core.config.Validatable;
import io.homeostat.core.pipeline.Connector;
import io.homeostat.core.pipeline.Exporter;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Receiver;
import io.homeostat.core.pipeline.RequestConsumer;
import io.homeostat.core.pipeline.Signal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fixed set of small components, so that config messages do not change as real ones are added. */
final class TestFactories {

  private TestFactories() {}

  record InConfig(String label) {}

  record CaptureConfig(int capacity) implements Validatable {
    @Override
    public void validate(Violations violations) {
      if (capacity <= 0) {
        violations.add("capacity", "must be positive, was " + capacity);
      }
    }
  }

  record NoConfig() {}

  static ComponentRegistry registry() {
    return ComponentRegistry.of(List.<ComponentFactory<?>>of(
        new ReceiverFactory<InConfig>() {
          public String type() { return "testin"; }
          public InConfig createDefaultConfig() { return new InConfig("in"); }
          public Set<Signal> supportedSignals() { return EnumSet.allOf(Signal.class); }
          public Receiver create(ComponentSettings s, InConfig c, Map<Signal, RequestConsumer> consumers) {
            return new Receiver() { };
          }
        },
        new ProcessorFactory<NoConfig>() {
          public String type() { return "noop"; }
          public NoConfig createDefaultConfig() { return new NoConfig(); }
          public Set<Signal> supportedSignals() { return EnumSet.allOf(Signal.class); }
          public Processor create(ComponentSettings s, Signal signal, NoConfig c) {
            return (request, ack, next) -> next.accept(request, ack);
          }
        },
        exporter("capture", EnumSet.allOf(Signal.class)),
        exporter("tracesonly", EnumSet.of(Signal.TRACES)),
        new ConnectorFactory<NoConfig>() {
          public String type() { return "count"; }
          public NoConfig createDefaultConfig() { return new NoConfig(); }
          public Set<Signal> supportedSignals() { return EnumSet.of(Signal.TRACES); }
          public Set<Signal> outputs(Signal input) {
            return input == Signal.TRACES ? EnumSet.of(Signal.METRICS) : EnumSet.noneOf(Signal.class);
          }
          public Connector create(ComponentSettings s, NoConfig c, Set<Signal> inputs,
              Map<Signal, RequestConsumer> outputs) {
            return (signal, request) -> true;
          }
        }));
  }

  private static ExporterFactory<CaptureConfig> exporter(String type, Set<Signal> signals) {
    return new ExporterFactory<>() {
      public String type() { return type; }
      public CaptureConfig createDefaultConfig() { return new CaptureConfig(10); }
      public Set<Signal> supportedSignals() { return signals; }
      public Exporter create(ComponentSettings s, Set<Signal> used, CaptureConfig c) {
        return (signal, request) -> true;
      }
    };
  }
}
