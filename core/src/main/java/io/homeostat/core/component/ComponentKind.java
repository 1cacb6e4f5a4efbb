package io.homeostat.core.component;

/** The sections of the config that hold components. */
public enum ComponentKind {
  RECEIVER("receivers"),
  PROCESSOR("processors"),
  EXPORTER("exporters"),
  CONNECTOR("connectors");

  private final String section;

  ComponentKind(String section) {
    this.section = section;
  }

  /** The top-level config key that holds components of this kind. */
  public String section() {
    return section;
  }

  /** The word used in messages: {@code receiver}, {@code processor}, {@code exporter}. */
  public String noun() {
    return section.substring(0, section.length() - 1);
  }
}
