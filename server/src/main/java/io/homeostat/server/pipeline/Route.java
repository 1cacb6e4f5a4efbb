package io.homeostat.server.pipeline;

import java.util.List;

/**
 * Where the requests of one receiver and one signal go: every pipeline of that signal that lists
 * the receiver. Built once at start, so publishing a request allocates nothing for routing.
 */
record Route(String receiver, PipelineChain[] chains) {

  Route(String receiver, List<PipelineChain> chains) {
    this(receiver, chains.toArray(PipelineChain[]::new));
  }
}
