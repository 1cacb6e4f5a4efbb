package io.homeostat.homeostasis.target;

import io.homeostat.core.config.Location;
import io.homeostat.core.match.MatchConfig;
import io.homeostat.homeostasis.model.Operator;
import io.homeostat.homeostasis.model.TargetKey;
import java.time.Duration;
import java.util.Objects;

/**
 * One target, checked and with every default applied: what the engine watches. Made from the
 * pipeline config or a catalog by {@link io.homeostat.homeostasis.config.TargetSpecs}.
 *
 * @param requirement the requirement the target holds to a state
 * @param name the target's name within the requirement (by default its metric or span name)
 * @param target the value the measure is held to; NaN in SLO mode for error rates and ratios,
 *     where the objective is the target
 * @param operator {@code actual <op> target}; for distributions, when one observation is good;
 *     null where {@code target} is NaN
 * @param alertThreshold distributions: the fraction of good observations below which it alerts;
 *     single values: the value it alerts at; null: the target itself (single values), or SLO mode
 * @param holdFor how long the alert condition must hold before it fires, and be clear before it
 *     resolves
 * @param severity what every alert of the target says; null: by the deviation (or the burn rate)
 * @param notifyNoData how long the target's telemetry may stop before that alone fires; null: never
 * @param match further restricts which records count; null: every record of the source
 * @param minSamples observations a window needs for a verdict
 * @param requirementOnly only records tagged with {@code requirement} count
 * @param slo SLO mode, or null
 * @param lateness how far before the window's start, or after now, a record's timestamp may be
 * @param maxSeries series of cumulative metrics tracked at once
 * @param location where the target was written, for messages
 */
public record TargetSpec(String requirement, String name, Source source, double target,
    Operator operator, Double alertThreshold, Duration window, Duration holdFor, String severity,
    String description, Duration notifyNoData, MatchConfig match, int minSamples,
    boolean requirementOnly, Slo slo, Duration lateness, int maxSeries, Location location) {

  public TargetSpec {
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(lateness, "lateness");
    if (Double.isNaN(target) != (operator == null)) {
      throw new IllegalArgumentException("a target has both a value and an operator, or neither");
    }
  }

  /** True when {@code other} is this target, wherever in its file it is written. */
  public boolean sameTargetAs(TargetSpec other) {
    return withoutLocation().equals(other.withoutLocation());
  }

  /**
   * The target as text, wherever in its file it is written: equal for targets that are
   * {@link #sameTargetAs} each other, to tell across a restart whether a target changed. A ratio's
   * selectors add their signals, which their own text leaves out.
   */
  public String identity() {
    String text = withoutLocation().toString();
    return source instanceof Source.Ratio ratio
        ? text + " good:" + ratio.good().signal() + " total:" + ratio.total().signal() : text;
  }

  private TargetSpec withoutLocation() {
    return new TargetSpec(requirement, name, source, target, operator, alertThreshold, window,
        holdFor, severity, description, notifyNoData, match, minSamples, requirementOnly, slo,
        lateness, maxSeries, null);
  }

  /** The key of the target's one alert. */
  public TargetKey key() {
    return new TargetKey(requirement, name);
  }

  /**
   * What the target measures, as evaluations and alerts name it ({@code metric} in the payload):
   * its name, which is the metric's or span's name unless the target gives another, so that a
   * ratio reads {@code login_success_rate} as its author called it.
   */
  public String measure() {
    return name;
  }
}
