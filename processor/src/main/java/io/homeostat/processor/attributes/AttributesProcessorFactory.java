package io.homeostat.processor.attributes;

import io.homeostat.core.component.ComponentSettings;
import io.homeostat.core.component.ProcessorFactory;
import io.homeostat.core.match.IncludeExclude;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.core.pipeline.Processor;
import io.homeostat.core.pipeline.Signal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code attributes} processor: inserts, updates, upserts, deletes, hashes, extracts and
 * converts attributes of spans, log records and metric data points, as the OpenTelemetry
 * Collector's processor of that name does.
 */
public final class AttributesProcessorFactory implements ProcessorFactory<AttributesConfig> {

  @Override
  public String type() {
    return "attributes";
  }

  @Override
  public AttributesConfig createDefaultConfig() {
    return AttributesConfig.DEFAULT;
  }

  @Override
  public Set<Signal> supportedSignals() {
    return EnumSet.allOf(Signal.class);
  }

  @Override
  public Processor create(ComponentSettings settings, Signal signal, AttributesConfig config) {
    List<String> unfit = new ArrayList<>();
    unfitKeys("include", config.include(), signal, unfit);
    unfitKeys("exclude", config.exclude(), signal, unfit);
    if (!unfit.isEmpty()) {
      throw new IllegalArgumentException(settings.id() + " is in a " + signal.configName()
          + " pipeline, but " + String.join(", ", unfit) + (unfit.size() == 1 ? " says" : " say")
          + " nothing about " + signal.itemName().replace('_', ' ') + " and would match every one:"
          + " remove " + (unfit.size() == 1 ? "it" : "them") + ", or give the "
          + signal.configName() + " pipeline an attributes processor of its own");
    }
    return new AttributesProcessor(AttributeActions.compile(config.actions()),
        IncludeExclude.of(config.include(), config.exclude()));
  }

  private static void unfitKeys(String section, MatchConfig match, Signal signal, List<String> into) {
    if (match != null) {
      match.keysNotFor(signal).forEach(key -> into.add(section + "." + key));
    }
  }
}
