package io.homeostat.homeostasis.target;

import io.homeostat.core.pipeline.Signal;

/** What a target measures: one source of telemetry, read from the records of one signal. */
public sealed interface Source {

  /** The signal whose records feed the source. */
  Signal signal();


  /** An OTLP metric by name: a gauge, a sum, a histogram or an exponential histogram. */
  record Metric(String name) implements Source {
    @Override
    public Signal signal() {
      return Signal.METRICS;
    }
  }

  /** The durations of the spans of one name, in milliseconds. */
  record Span(String name) implements Source {
    @Override
    public Signal signal() {
      return Signal.TRACES;
    }
  }

  /**
   * The fraction of spans that failed (status ERROR, or an {@code exception} event).
   *
   * @param span the spans' name, or null for every span of the requirement
   */
  record ErrorRate(String span) implements Source {
    @Override
    public Signal signal() {
      return Signal.TRACES;
    }
  }

  /** Log records at or above a severity, per minute. */
  record Logs(LogSeverity severityMin) implements Source {
    @Override
    public Signal signal() {
      return Signal.LOGS;
    }
  }

  /** Good events over all events, each counted by a selector of metric points or spans. */
  record Ratio(Selector good, Selector total) implements Source {
    @Override
    public Signal signal() {
      return total.signal();
    }
  }
}
