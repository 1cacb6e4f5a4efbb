package io.homeostat.core.config;

import java.util.List;
import java.util.Map;

/**
 * A config value as read from YAML, with the path and location it was written at, so that any
 * later error about it can say where it is. Scalars keep their text; their type is decided when
 * they are bound (see {@link ConfigBinder}), after {@code ${env}} expansion.
 */
public sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode,
    ConfigNode.ScalarNode {

  /** The dotted YAML path, such as {@code exporters.otlp/tempo.endpoint} or {@code a.b[2]}. */
  String path();

  Location location();

  /** A short word for messages: {@code a mapping}, {@code a list}, {@code a value}. */
  String describe();

  /** A YAML mapping, in the order written. */
  record MapNode(String path, Location location, Map<String, ConfigNode> entries)
      implements ConfigNode {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    public ConfigNode get(String key) {
      return entries.get(key);
    }

    @Override
    public String describe() {
      return "a mapping";
    }
  }

  /** A YAML sequence. */
  record ListNode(String path, Location location, List<ConfigNode> items) implements ConfigNode {
    public ListNode {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /** A YAML scalar after {@code ${env}} expansion; {@code value} is null for YAML null. */
  record ScalarNode(String path, Location location, String value) implements ConfigNode {
    public boolean isNull() {
      return value == null;
    }

    @Override
    public String describe() {
      return value == null ? "null" : "'" + value + "'";
    }
  }

  /** The path of the child at {@code key} under {@code parentPath}. */
  static String childPath(String parentPath, String key) {
    return parentPath.isEmpty() ? key : parentPath + "." + key;
  }
}
