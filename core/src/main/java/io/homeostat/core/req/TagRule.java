package io.homeostat.core.req;

import io.homeostat.core.match.MatchConfig;
import java.util.List;

/**
 * Records that match get these requirement keys: a rule of the requirements processor's config,
 * or of a catalog (for example one written by {@code homeostat scan}, matching
 * {@code code.filepath} and {@code code.function}).
 */
public record TagRule(List<String> requirements, MatchConfig match) {

  public TagRule {
    requirements = List.copyOf(requirements);
  }
}
