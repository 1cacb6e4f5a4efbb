package io.homeostat.processor.resource;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import io.homeostat.processor.attributes.AttributeActions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code resource} processor: the {@code attributes} processor's actions, on the resource
 * attributes of every signal, as the OpenTelemetry Collector's processor of that name does.
 */
public final class ResourceProcessorFactory implements ProcessorFactory<ResourceConfig> {

  @Override
  public String type() {
    return "resource";
  }

  @Override
  public ResourceConfig createDefaultConfig() {
    return ResourceConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, ResourceConfig config) {
    return new ResourceProcessor(AttributeActions.compile(config.attributes()));
  }
}
