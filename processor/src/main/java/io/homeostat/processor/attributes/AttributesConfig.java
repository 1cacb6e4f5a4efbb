package io.homeostat.processor.attributes;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;
import java.util.List;

/**
 * The {@code attributes} processor's config, as in the OpenTelemetry Collector.
 *
 * @param actions applied in order to the attributes of each selected span, log record and metric
 *     data point
 * @param include when set, only records that match it are changed
 * @param exclude when set, records that match it are left as they are
 */
public record AttributesConfig(List<ActionConfig> actions, MatchConfig include, MatchConfig exclude)
    implements Validatable {

  static final AttributesConfig DEFAULT = new AttributesConfig(List.of(), null, null);

  @Override
  public void validate(Violations violations) {
    if (actions.isEmpty()) {
      violations.add("actions", "is required: list what to do, such as"
          + " [{key: deployment.environment, action: insert, value: production}]");
    }
  }
}
