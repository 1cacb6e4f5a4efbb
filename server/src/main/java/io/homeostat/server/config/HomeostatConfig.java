package io.homeostat.server.config;

import io.homeostat.core.config.ConfigNode;
import java.util.Map;

/**
 * The top level of a pipeline YAML. Component sections stay as nodes here: each one is bound later
 * by the factory of its type, so that errors inside it still carry its YAML path and line.
 */
public record HomeostatConfig(
    Map<String, ConfigNode> receivers,
    Map<String, ConfigNode> processors,
    Map<String, ConfigNode> exporters,
    Map<String, ConfigNode> connectors,
    ServiceConfig service) {

  static HomeostatConfig defaults() {
    return new HomeostatConfig(Map.of(), Map.of(), Map.of(), Map.of(), ServiceConfig.defaults());
  }
}
