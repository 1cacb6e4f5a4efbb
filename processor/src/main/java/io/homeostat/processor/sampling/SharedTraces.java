package io.homeostat.processor.sampling;

import io.homeostat.core.component.ComponentSettings;

/**
 * What the traces-pipeline and logs-pipeline instances of one sampling processor know about traces
 * together (each pipeline has its own instance; both run on the pipeline thread): the traces known
 * to have an error, and, in tail mode, how each recent trace was decided.
 */
final class SharedTraces {

  /** A decision for a trace that was sampled out. */
  static final long DROPPED = -1;
  /** A decision for a trace first dropped, then kept because an error span of it came late. */
  static final long KEPT_LATE = Long.MAX_VALUE;

  /** Error traces ({@code keep_errors}); null when errors are not kept. */
  final TraceIdTable errors;
  /**
   * Tail mode: {@link #DROPPED}, {@link #KEPT_LATE} or the number of the release round that kept
   * the trace (always positive); null in head mode. Twice {@code num_traces} long, so that one
   * round's traces never push each other out and late spans still find their trace's decision.
   */
  final TraceIdTable decisions;

  private SharedTraces(SamplingConfig config) {
    errors = config.keepErrors()
        ? new TraceIdTable(config.errorCacheSize(), config.errorCacheTtl().toNanos()) : null;
    decisions = config.mode() == SamplingConfig.Mode.TAIL
        ? new TraceIdTable(2 * config.numTraces(), Long.MAX_VALUE) : null;
  }

  /** The state of the processor of {@code settings}, shared by its instances in every pipeline. */
  static SharedTraces of(ComponentSettings settings, SamplingConfig config) {
    return settings.shared().get("sampling/" + settings.id(), SharedTraces.class,
        () -> new SharedTraces(config));
  }

  static boolean kept(long decision) {
    return decision > 0;
  }
}
