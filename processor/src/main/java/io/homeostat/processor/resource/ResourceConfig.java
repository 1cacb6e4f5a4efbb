package io.homeostat.processor.resource;

import io.homeostat.core.config.Validatable;
import io.homeostat.processor.attributes.ActionConfig;
import java.util.List;

/**
 * The {@code resource} processor's config, as in the OpenTelemetry Collector.
 *
 * @param attributes the actions applied in order to the attributes of every resource
 */
public record ResourceConfig(List<ActionConfig> attributes) implements Validatable {

  static final ResourceConfig DEFAULT = new ResourceConfig(List.of());

  @Override
  public void validate(Violations violations) {
    if (attributes.isEmpty()) {
      violations.add("attributes", "is required: list what to do, such as"
          + " [{key: deployment.environment, action: upsert, value: production}]");
    }
  }
}
