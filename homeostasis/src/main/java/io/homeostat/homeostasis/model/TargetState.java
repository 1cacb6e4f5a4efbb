package io.homeostat.homeostasis.model;

/**
 * Where a target stands, as {@code homeostat_homeostasis_status} reports it: 0 ok, 1 deviating
 * (the condition holds but not yet for the target's {@code for}), 2 firing.
 */
public enum TargetState {
  OK(0), DEVIATING(1), FIRING(2);

  private final int code;

  TargetState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
