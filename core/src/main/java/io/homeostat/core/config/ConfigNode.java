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

  /**
   * A YAML mapping, in the order written.
   *
   * @param keyLocations where each key was written, for errors about the key rather than its value
   */
  record MapNode(String path, Location location, Map<String, ConfigNode> entries,
      Map<String, Location> keyLocations) implements ConfigNode {
    public MapNode {
      entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
      keyLocations = Map.copyOf(keyLocations);
    }

    /** An empty mapping standing for a section written without a value. */
    public static MapNode empty(String path, Location location) {
      return new MapNode(path, location, Map.of(), Map.of());
    }

    public ConfigNode get(String key) {
      return entries.get(key);
    }

    /** Follows a dotted key such as {@code tls.ca_file} down from this mapping, or returns null. */
    public ConfigNode find(String dottedKey) {
      ConfigNode at = this;
      for (String part : dottedKey.split("\\.")) {
        if (!(at instanceof MapNode m) || m.get(part) == null) {
          return null;
        }
        at = m.get(part);
      }
      return at;
    }

    /** Where {@code key} was written; the mapping's own location if it was not. */
    public Location keyLocation(String key) {
      return keyLocations.getOrDefault(key, location);
    }

    /** The path of the value at {@code key}. */
    public String childPath(String key) {
      return ConfigNode.childPath(path, key);
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

  /**
   * A YAML scalar after {@code ${env}} expansion; {@code value} is null for YAML null.
   *
   * @param type what YAML read the scalar as, so that a value that may be of any type (an
   *     attribute's value) keeps it: {@code "42"} is text, {@code 42} a number
   */
  record ScalarNode(String path, Location location, String value, Type type) implements ConfigNode {

    /** What YAML read a scalar as: quoted scalars and plain words are {@link #TEXT}. */
    public enum Type { TEXT, NUMBER, BOOLEAN, NULL }

    /** A scalar of text, or null when {@code value} is null. */
    public ScalarNode(String path, Location location, String value) {
      this(path, location, value, value == null ? Type.NULL : Type.TEXT);
    }

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
