package io.homeostat.server.config;

import io.homeostat.core.config.ConfigNode;
import io.homeostat.homeostasis.alerting.AlertingConfig;
import io.homeostat.homeostasis.config.HomeostasisConfig;
import io.homeostat.homeostasis.intents.FeedbackConfig;
import java.util.Map;

/**
 * The top level of a pipeline YAML. Component sections stay as nodes here: each one is bound later
 * by the factory of its type, so that errors inside it still carry its YAML path and line.
 *
 * @param homeostasis targets and their evaluation; null when the section is absent
 * @param alerting where alerts go; null when absent (alerts are then only in the admin API)
 * @param feedback production issues and feedback intents; null for their defaults
 */
public record HomeostatConfig(
    Map<String, ConfigNode> receivers,
    Map<String, ConfigNode> processors,
    Map<String, ConfigNode> exporters,
    Map<String, ConfigNode> connectors,
    HomeostasisConfig homeostasis,
    AlertingConfig alerting,
    FeedbackConfig feedback,
    ServiceConfig service) {

  static HomeostatConfig defaults() {
    return new HomeostatConfig(Map.of(), Map.of(), Map.of(), Map.of(), null, null, null,
        ServiceConfig.defaults());
  }
}
