package io.homeostat.homeostasis.model;

/**
 * Identifies one target: the requirement it holds to a state, and the target's name within it
 * (its metric or its own name). One alert at a time per key.
 */
public record TargetKey(String requirement, String target) {

  @Override
  public String toString() {
    return requirement + "/" + target;
  }
}
