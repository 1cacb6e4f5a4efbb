package io.homeostat.processor.requirements;

import java.util.Locale;

/**
 * Where a record's key came from: the {@code source} label of
 * {@code homeostat_req_records_total}. Every record is counted once under the source of the key it
 * left with (or {@link #UNTAGGED} / {@link #DROPPED}); {@link #INVALID} is counted besides, for
 * records that carried a value failing the pattern.
 */
enum Source {
  /** Its own attribute under the canonical key (or its scope's or resource's). */
  RECORD,
  /** One of the aliases. */
  ALIAS,
  /** A rule of the processor's config. */
  RULE,
  /** A rule of the catalog. */
  CATALOG_RULE,
  /** The catalog's definition of the data point's metric. */
  METRIC,
  /** The {@code req} member of a recorded W3C baggage header. */
  BAGGAGE,
  /** The nearest tagged ancestor span, or a log record's span. */
  TRACE,
  /** None found; the record went on with {@code untagged_value} or as it was. */
  UNTAGGED,
  /** None found; dropped by {@code on_missing: drop}. */
  DROPPED,
  /** It carried a value that failed the pattern (counted besides its final source). */
  INVALID;

  private static final Source[] VALUES = values();

  /** The label value, such as {@code catalog_rule}. */
  final String label = name().toLowerCase(Locale.ROOT);

  /** True for the sources that leave a record with a requirement key. */
  boolean tagged() {
    return ordinal() <= TRACE.ordinal();
  }

  static int count() {
    return VALUES.length;
  }

  static Source of(int ordinal) {
    return VALUES[ordinal];
  }
}
