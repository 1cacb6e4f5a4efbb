package io.homeostat.processor.filter;

import io.homeostat.core.config.Validatable;
import io.homeostat.core.match.MatchConfig;

/**
 * What the {@code filter} processor keeps of one signal: records that match {@code include} (when
 * set) and do not match {@code exclude} (when set). The rest is dropped.
 */
public record SignalFilter(MatchConfig include, MatchConfig exclude) implements Validatable {

  @Override
  public void validate(Violations violations) {
    if (include == null && exclude == null) {
      violations.add("set include, exclude or both: the records to keep, the records to drop");
    }
  }
}
