package io.homeostat.core.pipeline;

/** How a receiver learns what became of one export request, so that it can answer its client. */
@FunctionalInterface
public interface Completion {

  /** Called exactly once per request, from any thread. Must not block. */
  void complete(Outcome outcome);
}
