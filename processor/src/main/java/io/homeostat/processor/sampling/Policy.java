package io.homeostat.processor.sampling;

import java.util.Locale;

/** Why a record was kept: the {@code policy} label of the kept counters. */
enum Policy {
  /** The consistent probability rule picked its trace. */
  RATIO,
  /** Its trace has an error ({@code keep_errors}). */
  ERRORS,
  /** Its trace lasted longer than {@code latency_threshold}. */
  LATENCY,
  /** Its trace serves a requirement in {@code always_keep_requirements}. */
  REQUIREMENT,
  /** Tail mode: its trace had already been decided and kept when it arrived. */
  TRACE_KEPT,
  /** It has no valid trace id, so no trace decision applies to it. */
  NO_TRACE_ID;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
