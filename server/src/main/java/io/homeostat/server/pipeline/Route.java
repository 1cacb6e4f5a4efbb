package io.homeostat.server.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Where the requests of one receiver (or connector) and one signal go: every pipeline of that
 * signal that lists it. Named by pipeline id when created, since a connector's route may lead to
 * pipelines built after it, and resolved once when the ring starts, so that publishing a request
 * allocates nothing for routing.
 */
final class Route {

  private final String receiver;
  private final List<String> pipelineIds;
  private PipelineChain[] chains;

  Route(String receiver, List<String> pipelineIds) {
    this.receiver = receiver;
    this.pipelineIds = List.copyOf(pipelineIds);
  }

  /** Looks the pipelines up; called once, before the pipeline thread starts. */
  void resolve(Map<String, PipelineChain> byId) {
    PipelineChain[] resolved = new PipelineChain[pipelineIds.size()];
    for (int i = 0; i < resolved.length; i++) {
      resolved[i] = byId.get(pipelineIds.get(i));
      if (resolved[i] == null) {
        throw new IllegalStateException("receiver " + receiver + " routes to pipeline "
            + pipelineIds.get(i) + ", which was never added to the ring");
      }
    }
    chains = resolved;
  }

  PipelineChain[] chains() {
    return chains;
  }
}
