package io.homeostat.core.component;

import java.util.regex.Pattern;

/**
 * Identifies a configured component: its {@code type} (which factory builds it) and an optional
 * {@code name} that tells several components of one type apart, written {@code type} or
 * {@code type/name} (for example {@code otlp/tempo}).
 */
public record ComponentId(String type, String name) {

  /** The OpenTelemetry Collector's rule for types. */
  private static final Pattern TYPE = Pattern.compile("[a-zA-Z][0-9a-zA-Z_]{0,62}");
  /** Names may hold anything visible except separators, controls and symbols, as in the Collector. */
  private static final Pattern NAME = Pattern.compile("[^\\p{Z}\\p{C}\\p{S}]{1,1024}");

  public ComponentId {
    if (type == null || !TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException("invalid component type '" + type
          + "': it must start with a letter and hold only letters, digits and '_' (at most 63)");
    }
    name = name == null ? "" : name;
    if (!name.isEmpty() && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid component name '" + name
          + "': it must not contain spaces, control characters or symbols");
    }
  }

  /** Returns the id of a component with no name. */
  public static ComponentId of(String type) {
    return new ComponentId(type, "");
  }

  /** Parses {@code type} or {@code type/name}; the message of the exception quotes the input. */
  public static ComponentId parse(String id) {
    String trimmed = id == null ? "" : id.strip();
    int slash = trimmed.indexOf('/');
    if (slash < 0) {
      return new ComponentId(trimmed, "");
    }
    String name = trimmed.substring(slash + 1);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("invalid component id '" + id
          + "': the name after '/' must not be empty");
    }
    return new ComponentId(trimmed.substring(0, slash), name);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? type : type + "/" + name;
  }
}
