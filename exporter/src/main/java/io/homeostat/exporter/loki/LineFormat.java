package io.homeostat.exporter.loki;

/** What a log record's Loki line holds. */
public enum LineFormat {
  /** The body as text: a string as it is, a map or list as JSON. */
  BODY,
  /**
   * The whole record as one JSON object ({@code body}, {@code severity}, {@code traceid},
   * {@code spanid}, {@code attributes}, {@code resources}, {@code instrumentation_scope}), as the
   * OpenTelemetry Collector's Loki exporter wrote it; LogQL's {@code | json} takes it apart.
   */
  JSON
}
