package io.homeostat.exporter.debug;

/**
 * The {@code debug} exporter's config, after the Collector's debug exporter.
 *
 * @param verbosity how much of each request is logged
 */
public record DebugConfig(Verbosity verbosity) {

  static final DebugConfig DEFAULT = new DebugConfig(Verbosity.BASIC);

  /** How much of each request the debug exporter logs. */
  public enum Verbosity {
    /** One line per request: the signal and its resource, scope and item counts. */
    BASIC,
    /** Also one line per span, metric data point or log record: its name and ids or value. */
    NORMAL,
    /** Also resources, scopes and every record's attributes. */
    DETAILED
  }
}
