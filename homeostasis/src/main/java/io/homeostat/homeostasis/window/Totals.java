package io.homeostat.homeostasis.window;

/**
 * What a window holds over a span of time.
 *
 * @param good good events (or, for ratios, the numerator)
 * @param total all events (the denominator)
 * @param sum the sum of observed values, each times its weight
 * @param count the weight of observed values: observations, points or records
 */
public record Totals(double good, double total, double sum, double count) {

  /** {@code good / total}, or NaN when there are no events. */
  public double goodRatio() {
    return total > 0 ? good / total : Double.NaN;
  }
}
