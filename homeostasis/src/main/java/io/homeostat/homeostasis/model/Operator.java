package io.homeostat.homeostasis.model;

/** How a target compares what is observed with what is wanted: {@code actual <op> target}. */
public enum Operator {
  LT("<"), LTE("<="), GT(">"), GTE(">="), EQ("==");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** True when {@code actual} is where the target wants it. */
  public boolean holds(double actual, double target) {
    return switch (this) {
      case LT -> actual < target;
      case LTE -> actual <= target;
      case GT -> actual > target;
      case GTE -> actual >= target;
      case EQ -> actual == target;
    };
  }

  public String symbol() {
    return symbol;
  }

  /** The name used in config and payloads: {@code lt}, {@code gte}, ... */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
